// A challenge as every reply, the finish and the podium chart show it: its windows in the group's local
// dates, days left, and the board of entrants (gold.challenge_board).
import type { Sql } from "postgres";
import * as challenges from "../db/queries/challenges.ts";
import type { GroupRow } from "../db/queries/people.ts";
import { addDays, daysBetween } from "../domain/calendar.ts";
import type { ChallengePodiumInput } from "./chart-inputs.ts";
import { BOARD_METRIC_INFO, type BoardMetric, parseBoardMetric } from "./periods.ts";
import { localParts } from "./weekly-summary-schedule.ts";

export type ChallengeRow = challenges.ChallengeRow;
export type BoardRow = challenges.BoardRow;

export interface ChallengeView {
  id: number;
  title: string;
  groupTitle: string;
  metric: BoardMetric;
  metricTitle: string;
  unit: string;
  mode: challenges.ChallengeMode;
  threshold: number | null;
  status: challenges.ChallengeStatus;
  startsOn: string;
  /** last day that counts (inclusive) */
  lastDay: string;
  /** last day a baseline scan counts (inclusive) */
  entryLastDay: string;
  /** today in the group's zone */
  today: string;
  /** days until the end (0 on the last day); null once it is over */
  daysLeft: number | null;
  /** days left to post a baseline (0 on the last entry day); null once the entry window closed */
  entryDaysLeft: number | null;
  started: boolean;
  rows: BoardRow[];
}

export function groupTimeZone(group: Pick<GroupRow, "timeZone">, defaultTimeZone = "UTC"): string {
  return group.timeZone ?? defaultTimeZone;
}

export function localToday(now: Date, group: Pick<GroupRow, "timeZone">, defaultTimeZone?: string): string {
  return localParts(now, groupTimeZone(group, defaultTimeZone)).date;
}

/** The exclusive end that counts: the planned end, or the day after an admin ended it early. */
export function resultBefore(c: Pick<ChallengeRow, "endsOn" | "stoppedOn">): string {
  return c.stoppedOn && addDays(c.stoppedOn, 1) < c.endsOn ? addDays(c.stoppedOn, 1) : c.endsOn;
}

const daysFrom = (from: string, to: string) => daysBetween(`${from}T00:00`, `${to}T00:00`);

export async function loadChallengeView(
  sql: Sql,
  challenge: ChallengeRow,
  group: Pick<GroupRow, "title" | "timeZone">,
  now: Date,
  defaultTimeZone?: string,
): Promise<ChallengeView> {
  const today = localToday(now, group, defaultTimeZone);
  const metric = parseBoardMetric(challenge.metric) ?? "composite";
  const lastDay = addDays(resultBefore(challenge), -1);
  const entryLastDay = addDays(challenge.startsOn, challenge.entryDays - 1);
  const open = challenge.status === "running";
  return {
    id: challenge.id,
    title: challenge.title,
    groupTitle: group.title,
    metric,
    metricTitle: BOARD_METRIC_INFO[metric].title,
    unit: BOARD_METRIC_INFO[metric].unit,
    mode: challenge.mode,
    threshold: challenge.threshold,
    status: challenge.status,
    startsOn: challenge.startsOn,
    lastDay,
    entryLastDay,
    today,
    daysLeft: open && today <= lastDay ? daysFrom(today, lastDay) : null,
    entryDaysLeft: open && today <= entryLastDay ? daysFrom(today, entryLastDay) : null,
    started: today >= challenge.startsOn,
    rows: await challenges.challengeBoard(sql, challenge.id),
  };
}

export function podiumChartInput(view: ChallengeView): ChallengePodiumInput {
  return {
    title: view.title,
    subtitle: `${view.groupTitle} · ${view.metricTitle}${view.mode === "threshold" ? ` · target ${view.threshold}${view.unit === "%" ? "%" : ` ${view.unit}`}` : ""}`,
    unitLabel: view.unit,
    rows: view.rows
      .filter((r) => r.standing === "ranked")
      .map((r) => ({
        name: r.name,
        rank: r.rank!,
        tied: r.tied,
        score: r.score!,
        noiseClass: r.noiseClass ?? "within_noise",
        reached: r.reached,
        flagged: r.afterTraining || r.unusualHour,
      })),
    notRanked: view.rows.filter((r) => r.standing !== "ranked").map((r) => r.name),
  };
}
