// /challenge history: the group's challenges, newest first, with their winners.
import * as challenges from "../db/queries/challenges.ts";
import { addDays } from "../domain/calendar.ts";
import { resultBefore } from "./challenge-view.ts";
import { type ActionDeps, groupOf } from "./deps.ts";
import type { Place } from "./ports.ts";

export interface PastChallenge {
  title: string;
  startsOn: string;
  /** the last day that counted */
  lastDay: string;
  status: challenges.ChallengeStatus;
  entrants: number;
  /** rank-1 names (several when tied); empty while running or when nobody was ranked */
  winners: string[];
}

export type ChallengeHistoryResult = { kind: "not_a_group" } | { kind: "ok"; challenges: PastChallenge[] };

export function challengeHistory(deps: ActionDeps) {
  return async (input: { place: Place }): Promise<ChallengeHistoryResult> => {
    const group = await groupOf(deps, input.place);
    if (!group) return { kind: "not_a_group" };
    const list = await challenges.challengeHistory(deps.sql, group.id);
    const past: PastChallenge[] = [];
    for (const c of list) {
      const board = c.status === "ended" ? await challenges.challengeBoard(deps.sql, c.id) : [];
      past.push({
        title: c.title,
        startsOn: c.startsOn,
        lastDay: addDays(resultBefore(c), -1),
        status: c.status,
        entrants: c.entrants,
        winners: board.filter((r) => r.rank === 1).map((r) => r.name),
      });
    }
    return { kind: "ok", challenges: past };
  };
}
