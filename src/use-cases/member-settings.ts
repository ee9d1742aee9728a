// What a member sets for themselves: goals, units, reminders, leaderboard visibility.
import type { Sql } from "postgres";
import * as gold from "../db/queries/gold.ts";
import type { MemberRow } from "../db/queries/people.ts";
import { fromDisplay, GOAL_METRICS, type GoalMetric, parseMetric, type Units } from "../domain/metrics.ts";

export type SetGoalResult =
  | { kind: "set"; metric: GoalMetric; target: number; startValue: number | null; units: Units }
  | { kind: "cleared"; metric: GoalMetric }
  | { kind: "invalid"; reason: "metric" | "target" | "implausible"; metricWord?: string };

const PLAUSIBLE: Record<GoalMetric, [number, number]> = {
  weight_kg: [30, 250],
  body_fat_mass_kg: [2, 150],
  body_fat_pct: [3, 60],
  skeletal_muscle_mass_kg: [10, 80],
  lean_body_mass_kg: [20, 150],
};

export async function setGoal(
  sql: Sql,
  member: MemberRow,
  metricWord: string | undefined,
  targetText: string | undefined,
): Promise<SetGoalResult> {
  const metric = parseMetric(metricWord);
  if (!metric || !(GOAL_METRICS as readonly string[]).includes(metric)) {
    return { kind: "invalid", reason: "metric", metricWord };
  }
  const goalMetric = metric as GoalMetric;
  if (targetText && /^(off|clear|none|remove|delete)$/i.test(targetText.trim())) {
    await sql`delete from app.goals where member_id = ${member.id} and metric = ${goalMetric}`;
    return { kind: "cleared", metric: goalMetric };
  }
  // a unit typed with the number wins over the member's display preference ("85kg" from an lb user)
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*(kg|kgs|lb|lbs|%)?\s*$/i.exec(targetText ?? "");
  if (!match) return { kind: "invalid", reason: "target" };
  const parsed = Number(match[1]!.replace(",", "."));
  const typed = match[2]?.toLowerCase();
  const units = typed?.startsWith("kg") ? "kg" : typed?.startsWith("lb") ? "lb" : member.units;
  const target = fromDisplay(goalMetric, parsed, units);
  const [lo, hi] = PLAUSIBLE[goalMetric];
  if (target < lo || target > hi) return { kind: "invalid", reason: "implausible" };
  const history = await gold.memberProgress(sql, member.id);
  const latest = history[history.length - 1];
  const startValue = latest?.values[goalMetric] ?? null;
  await sql`
    insert into app.goals (member_id, metric, target, start_value, start_scan_id)
    values (${member.id}, ${goalMetric}, ${target}, ${startValue}, ${latest?.scanId ?? null})
    on conflict (member_id, metric) do update
      set target = excluded.target, start_value = excluded.start_value, start_scan_id = excluded.start_scan_id, set_at = now()`;
  return { kind: "set", metric: goalMetric, target, startValue, units: member.units };
}
