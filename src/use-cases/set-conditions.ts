// /conditions on|off: the private question after each scan (fasted? trained today? usual time?).
import { setConditionsEnabled } from "../db/queries/conditions.ts";
import { type ActionDeps, memberOf } from "./deps.ts";
import type { Actor } from "./ports.ts";

export type SetConditionsResult = { kind: "set"; on: boolean } | { kind: "invalid" };

export function setConditions(deps: ActionDeps) {
  return async (input: { actor: Actor; stateWord?: string }): Promise<SetConditionsResult> => {
    const word = input.stateWord?.trim().toLowerCase();
    const on = word === "on" ? true : word === "off" ? false : null;
    if (on === null) return { kind: "invalid" };
    const member = await memberOf(deps.sql, input.actor);
    await setConditionsEnabled(deps.sql, member.id, on);
    return { kind: "set", on };
  };
}
