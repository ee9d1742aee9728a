// /challenge: the running challenge (days left, entrants, the live board), or the latest one when none runs.
import * as challenges from "../db/queries/challenges.ts";
import { type ChallengeView, loadChallengeView } from "./challenge-view.ts";
import { type ActionDeps, groupOf } from "./deps.ts";
import type { Place } from "./ports.ts";

export type ChallengeStatusResult =
  | { kind: "not_a_group" }
  | { kind: "none" }
  | { kind: "ok"; view: ChallengeView };

export function challengeStatus(deps: ActionDeps) {
  return async (input: { place: Place }): Promise<ChallengeStatusResult> => {
    const group = await groupOf(deps, input.place);
    if (!group) return { kind: "not_a_group" };
    const challenge =
      (await challenges.runningChallenge(deps.sql, group.id)) ??
      (await challenges.challengeHistory(deps.sql, group.id, 1))[0];
    if (!challenge) return { kind: "none" };
    return {
      kind: "ok",
      view: await loadChallengeView(deps.sql, challenge, group, deps.now(), deps.defaultTimeZone),
    };
  };
}
