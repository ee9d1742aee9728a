// /hide and /show: leave or rejoin this group's leaderboard, weekly summary and Sheet tab.
import { setHidden } from "../db/queries/people.ts";
import { type ActionDeps, groupOf, memberOf, membersChanged } from "./deps.ts";
import type { Actor, Place } from "./ports.ts";

export type SetVisibilityResult = { kind: "not_a_group" } | { kind: "done"; hidden: boolean };

export function setVisibility(deps: ActionDeps) {
  return async (input: { actor: Actor; place: Place; hidden: boolean }): Promise<SetVisibilityResult> => {
    const group = await groupOf(deps, input.place);
    if (!group) return { kind: "not_a_group" };
    const member = await memberOf(deps.sql, input.actor);
    await setHidden(deps.sql, group.id, member.id, input.hidden);
    await membersChanged(deps, [member.id]);
    return { kind: "done", hidden: input.hidden };
  };
}
