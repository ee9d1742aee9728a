// The group's board for a scoring metric and period, with its chart.
import type { Sql } from "postgres";
import type { LeaderboardChartInput } from "../charts/types.ts";
import * as gold from "../db/queries/gold.ts";
import type { GroupRow } from "../db/queries/people.ts";
import { BOARD_METRIC_INFO, type BoardMetric, type BoardPeriod, describePeriod } from "./periods.ts";

export interface LeaderboardView {
  groupTitle: string;
  metric: BoardMetric;
  period: BoardPeriod;
  periodLabel: string;
  rows: gold.LeaderboardRow[];
  /** visible members not ranked yet (fewer than two scans in the period) */
  unranked: string[];
}

export async function loadLeaderboard(
  sql: Sql,
  group: GroupRow,
  metric: BoardMetric,
  period: BoardPeriod,
): Promise<LeaderboardView> {
  const [rows, unranked] = await Promise.all([
    gold.leaderboard(sql, group.id, period, metric),
    gold.unrankedMembers(sql, group.id, period, metric),
  ]);
  return {
    groupTitle: group.title,
    metric,
    period,
    periodLabel: describePeriod(period, group.challengeStart),
    rows,
    unranked,
  };
}

export function leaderboardChartInput(view: LeaderboardView): LeaderboardChartInput {
  const info = BOARD_METRIC_INFO[view.metric];
  return {
    title: info.title,
    periodLabel: `${view.groupTitle} · ${view.periodLabel}`,
    unitLabel: info.unit,
    higherIsBetter: true,
    rows: view.rows.map((r) => ({
      name: r.name,
      rank: r.rank,
      tied: r.tied,
      score: r.score,
      withinNoise: r.withinNoise,
    })),
  };
}

/** The period a board shows when none is asked for: the challenge when the group runs one. */
export function defaultBoardPeriod(group: GroupRow): BoardPeriod {
  return group.challengeStart ? "challenge" : "all";
}
