// /reminders on|off: the private nudge when a rescan is due.
import { setReminders as saveReminders } from "../db/queries/people.ts";
import { type ActionDeps, memberOf } from "./deps.ts";
import type { Actor } from "./ports.ts";

export type SetRemindersResult = { kind: "set"; on: boolean } | { kind: "invalid" };

export function setReminders(deps: ActionDeps) {
  return async (input: { actor: Actor; stateWord?: string }): Promise<SetRemindersResult> => {
    const word = input.stateWord?.trim().toLowerCase();
    const on = word === "on" ? true : word === "off" ? false : null;
    if (on === null) return { kind: "invalid" };
    const member = await memberOf(deps.sql, input.actor);
    await saveReminders(deps.sql, member.id, on);
    return { kind: "set", on };
  };
}
