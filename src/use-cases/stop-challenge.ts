// `/challenge end` (early: scans up to today count, the finish follows within a minute) and
// `/challenge cancel` (no finish, no results; it stays in the history as cancelled). Admins; the bots check.
import * as challenges from "../db/queries/challenges.ts";
import { memberIdsOfGroup, updateGroupSettings } from "../db/queries/people.ts";
import { localToday } from "./challenge-view.ts";
import { type ActionDeps, groupOf } from "./deps.ts";
import type { Place } from "./ports.ts";

export type StopChallengeResult =
  | { kind: "not_a_group" }
  | { kind: "no_challenge" }
  | { kind: "ended" | "cancelled"; title: string };

export function stopChallenge(deps: ActionDeps) {
  return async (input: { place: Place; how: "end" | "cancel" }): Promise<StopChallengeResult> => {
    const group = await groupOf(deps, input.place);
    if (!group) return { kind: "not_a_group" };
    const challenge = await challenges.runningChallenge(deps.sql, group.id);
    if (!challenge) return { kind: "no_challenge" };
    const status = input.how === "end" ? "ended" : "cancelled";
    const today = localToday(deps.now(), group, deps.defaultTimeZone);
    if (!(await challenges.stopChallenge(deps.sql, challenge.id, status, today)))
      return { kind: "no_challenge" };
    // a cancelled challenge no longer sets the leaderboard's "challenge" period
    if (status === "cancelled" && group.challengeStart === challenge.startsOn)
      await updateGroupSettings(deps.sql, group.id, { challengeStart: null });
    await deps.runPipeline(await memberIdsOfGroup(deps.sql, group.id));
    return { kind: status, title: challenge.title };
  };
}
