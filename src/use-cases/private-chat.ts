// Whether the bot may message a member privately: they opened a private chat, or the platform refused.
import { memberProgress } from "../db/queries/gold.ts";
import { markCanMessagePrivately } from "../db/queries/people.ts";
import { type ActionDeps, memberOf } from "./deps.ts";
import type { Actor } from "./ports.ts";

/** The member opened a private chat with the bot (/start, or a scan sent there). */
export function startedPrivateChat(deps: ActionDeps) {
  return async (input: { actor: Actor }): Promise<{ name: string; scans: number }> => {
    const member = await memberOf(deps.sql, input.actor);
    await markCanMessagePrivately(deps.sql, input.actor.platform, input.actor.userId, true);
    const history = await memberProgress(deps.sql, member.id);
    return { name: member.displayName, scans: history.length };
  };
}

/** A private message to the member was refused (never pressed Start, blocks the bot, DMs closed). */
export function cannotMessagePrivately(deps: ActionDeps) {
  return async (input: { actor: Pick<Actor, "platform" | "userId"> }): Promise<void> => {
    await markCanMessagePrivately(deps.sql, input.actor.platform, input.actor.userId, false);
  };
}
