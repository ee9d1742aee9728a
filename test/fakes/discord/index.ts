export { type FailOptions, FakeDiscord, type OptionValue } from "./fake-discord.ts";
export { InteractionHandle } from "./interaction-handle.ts";
export type * from "./types.ts";
export { Intent, Perm } from "./util.ts";
