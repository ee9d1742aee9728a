// /units kg|lb: how masses are shown to the member.
import { setUnits as saveUnits } from "../db/queries/people.ts";
import type { Units } from "../domain/metrics.ts";
import { type ActionDeps, memberOf } from "./deps.ts";
import type { Actor } from "./ports.ts";

export type SetUnitsResult = { kind: "set"; units: Units } | { kind: "invalid" };

export function parseUnits(word: string | undefined): Units | null {
  const w = word?.trim().toLowerCase();
  return w === "kg" || w === "kgs" ? "kg" : w === "lb" || w === "lbs" ? "lb" : null;
}

export function setUnits(deps: ActionDeps) {
  return async (input: { actor: Actor; unitsWord?: string }): Promise<SetUnitsResult> => {
    const units = parseUnits(input.unitsWord);
    if (!units) return { kind: "invalid" };
    const member = await memberOf(deps.sql, input.actor);
    await saveUnits(deps.sql, member.id, units);
    return { kind: "set", units };
  };
}
