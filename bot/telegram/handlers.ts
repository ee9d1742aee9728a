// A Telegram command handler, and the registry type that ties the handlers to the shared catalogue.
import type { CommandContext, Context } from "grammy";
import type { CommandRegistry } from "../commands.ts";

export type CommandHandler = (ctx: CommandContext<Context>) => Promise<void>;

/** Some of the commands: each feature fills its part; `commands.ts` requires them all. */
export type CommandHandlers = Partial<CommandRegistry<"telegram", CommandHandler>>;

/** The words typed after a command: `/progress 30d segments` → ["30d", "segments"]. */
export function words(match: string | undefined): string[] {
  return (match ?? "").trim().split(/\s+/).filter(Boolean);
}
