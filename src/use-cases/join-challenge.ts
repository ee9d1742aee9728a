// /join or the Join button under the announcement: enters the group's running challenge. Entering is the
// consent to be on its board; the entry window is the only time one can join (a baseline must fit in it).
import * as challenges from "../db/queries/challenges.ts";
import { ensureMembership } from "../db/queries/people.ts";
import { type ChallengeView, loadChallengeView } from "./challenge-view.ts";
import { type ActionDeps, groupOf, memberOf } from "./deps.ts";
import type { Actor, Place } from "./ports.ts";

export type JoinChallengeResult =
  | { kind: "not_a_group" }
  | { kind: "no_challenge" }
  /** the button of a challenge that is over or was cancelled */
  | { kind: "closed"; title: string }
  | { kind: "entry_closed"; view: ChallengeView }
  | { kind: "joined" | "already_in"; view: ChallengeView; name: string; hasBaseline: boolean };

export function joinChallenge(deps: ActionDeps) {
  return async (input: {
    actor: Actor;
    place: Place;
    challengeId?: number;
  }): Promise<JoinChallengeResult> => {
    const group = await groupOf(deps, input.place);
    if (!group) return { kind: "not_a_group" };
    const challenge =
      input.challengeId === undefined
        ? await challenges.runningChallenge(deps.sql, group.id)
        : await challenges.getChallenge(deps.sql, input.challengeId);
    if (!challenge || challenge.groupId !== group.id) return { kind: "no_challenge" };
    if (challenge.status !== "running") return { kind: "closed", title: challenge.title };
    const now = deps.now();
    const before = await loadChallengeView(deps.sql, challenge, group, now, deps.defaultTimeZone);
    if (before.today > before.entryLastDay) return { kind: "entry_closed", view: before };
    const member = await memberOf(deps.sql, input.actor);
    await ensureMembership(deps.sql, group.id, member.id);
    const joined = await challenges.addEntrant(deps.sql, challenge.id, member.id);
    if (joined) await deps.runPipeline([member.id]);
    const view = joined
      ? await loadChallengeView(deps.sql, challenge, group, now, deps.defaultTimeZone)
      : before;
    const mine = view.rows.find((r) => r.memberId === member.id);
    return {
      kind: joined ? "joined" : "already_in",
      view,
      name: member.displayName,
      hasBaseline: Boolean(mine?.baselineAt),
    };
  };
}
