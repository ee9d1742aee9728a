// /leaderboard: the group's board for a scoring metric and period, with its chart.
import type { Sql } from "postgres";
import * as gold from "../db/queries/gold.ts";
import type { GroupRow } from "../db/queries/people.ts";
import type { LeaderboardChartInput } from "./chart-inputs.ts";
import { type ActionDeps, groupOf } from "./deps.ts";
import {
  BOARD_METRIC_INFO,
  type BoardMetric,
  type BoardPeriod,
  defaultBoardPeriod,
  describePeriod,
  parseBoardMetric,
  parseBoardWords,
} from "./periods.ts";
import type { Place } from "./ports.ts";

export interface LeaderboardView {
  groupTitle: string;
  metric: BoardMetric;
  period: BoardPeriod;
  periodLabel: string;
  rows: gold.LeaderboardRow[];
  /** visible members not ranked yet (fewer than two scans in the period) */
  unranked: string[];
}

export type LeaderboardResult =
  | { kind: "not_a_group" }
  | { kind: "bad_metric"; word: string }
  | { kind: "bad_period"; word: string }
  | { kind: "ok"; view: LeaderboardView; chart: Buffer | null };

export function getLeaderboard(deps: ActionDeps) {
  return async (input: {
    place: Place;
    metricWord?: string;
    periodWord?: string;
  }): Promise<LeaderboardResult> => {
    const group = await groupOf(deps, input.place);
    if (!group) return { kind: "not_a_group" };
    const request = parseBoardWords([input.metricWord, input.periodWord], {
      metric: parseBoardMetric(group.leaderboardMetric) ?? "composite",
      period: defaultBoardPeriod(group),
    });
    if (request.kind !== "ok") return request;
    const period = request.period === "challenge" && !group.challengeStart ? "all" : request.period;
    const view = await loadLeaderboard(deps.sql, group, request.metric, period);
    const chart = view.rows.length > 0 ? await deps.charts.leaderboard(leaderboardChartInput(view)) : null;
    return { kind: "ok", view, chart };
  };
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
