// `/challenge new "Spring Cut" 2026-03-02 12w [metric] [mode …]` (admins; the bots check): one running
// challenge per group. Its start also becomes the group's challenge start, so `/leaderboard challenge`
// (everyone visible, since that date) and `/settings challenge` keep meaning the same thing.
import * as challenges from "../db/queries/challenges.ts";
import { memberIdsOfGroup, updateGroupSettings } from "../db/queries/people.ts";
import { type ChallengeView, loadChallengeView, localToday } from "./challenge-view.ts";
import { type ChallengeWordProblem, parseChallengeWords } from "./challenge-words.ts";
import { type ActionDeps, groupOf } from "./deps.ts";
import { parseBoardMetric } from "./periods.ts";
import type { Place } from "./ports.ts";

export type StartChallengeResult =
  | { kind: "not_a_group" }
  | { kind: "bad_words"; problem: ChallengeWordProblem; word: string }
  /** the end it would have is today or earlier */
  | { kind: "over_already"; endsOn: string }
  | { kind: "already_running"; view: ChallengeView }
  | { kind: "started"; view: ChallengeView };

export function startChallenge(deps: ActionDeps) {
  return async (input: { place: Place; words: string }): Promise<StartChallengeResult> => {
    const group = await groupOf(deps, input.place);
    if (!group) return { kind: "not_a_group" };
    const now = deps.now();
    const running = await challenges.runningChallenge(deps.sql, group.id);
    if (running)
      return {
        kind: "already_running",
        view: await loadChallengeView(deps.sql, running, group, now, deps.defaultTimeZone),
      };
    const parsed = parseChallengeWords(input.words, parseBoardMetric(group.leaderboardMetric) ?? "composite");
    if (parsed.kind === "bad") return { kind: "bad_words", problem: parsed.problem, word: parsed.word };
    const { spec } = parsed;
    if (spec.endsOn <= localToday(now, group, deps.defaultTimeZone))
      return { kind: "over_already", endsOn: spec.endsOn };
    const created = await challenges.createChallenge(deps.sql, { groupId: group.id, ...spec });
    if (!created) {
      // another admin's /challenge new won the race
      const other = await challenges.runningChallenge(deps.sql, group.id);
      if (!other) throw new Error("challenge neither created nor running");
      return {
        kind: "already_running",
        view: await loadChallengeView(deps.sql, other, group, now, deps.defaultTimeZone),
      };
    }
    await updateGroupSettings(deps.sql, group.id, { challengeStart: spec.startsOn });
    await deps.runPipeline(await memberIdsOfGroup(deps.sql, group.id));
    return {
      kind: "started",
      view: await loadChallengeView(deps.sql, created, group, now, deps.defaultTimeZone),
    };
  };
}
