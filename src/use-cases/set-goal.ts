// /goal <metric> <target|off>: a target on weight, fat mass, body fat %, muscle or lean mass, counted from
// the member's latest scan.

import { clearGoal, saveGoal } from "../db/queries/goals.ts";
import * as gold from "../db/queries/gold.ts";
import { fromDisplay, GOAL_METRICS, type GoalMetric, parseMetric, type Units } from "../domain/metrics.ts";
import { type ActionDeps, memberOf } from "./deps.ts";
import type { Actor } from "./ports.ts";

export type SetGoalResult =
  | { kind: "set"; metric: GoalMetric; target: number; startValue: number | null; units: Units }
  | { kind: "cleared"; metric: GoalMetric }
  | { kind: "invalid"; reason: "metric" | "target" | "implausible"; metricWord?: string };

/** Targets outside these (canonical units) are typing mistakes, not goals. */
const PLAUSIBLE: Record<GoalMetric, [number, number]> = {
  weight_kg: [30, 250],
  body_fat_mass_kg: [2, 150],
  body_fat_pct: [3, 60],
  skeletal_muscle_mass_kg: [10, 80],
  lean_body_mass_kg: [20, 150],
};

export function setGoal(deps: ActionDeps) {
  return async (input: {
    actor: Actor;
    metricWord?: string;
    targetText?: string;
  }): Promise<SetGoalResult> => {
    const member = await memberOf(deps.sql, input.actor);
    const result = await applyGoal(deps, member, input.metricWord, input.targetText);
    if (result.kind !== "invalid") await deps.runPipeline([member.id]);
    return result;
  };
}

async function applyGoal(
  deps: ActionDeps,
  member: { id: number; units: Units },
  metricWord: string | undefined,
  targetText: string | undefined,
): Promise<SetGoalResult> {
  const metric = parseMetric(metricWord);
  if (!metric || !(GOAL_METRICS as readonly string[]).includes(metric)) {
    return { kind: "invalid", reason: "metric", metricWord };
  }
  const goalMetric = metric as GoalMetric;
  if (targetText && /^(off|clear|none|remove|delete)$/i.test(targetText.trim())) {
    await clearGoal(deps.sql, member.id, goalMetric);
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
  const history = await gold.memberProgress(deps.sql, member.id);
  const latest = history[history.length - 1];
  const startValue = latest?.values[goalMetric] ?? null;
  await saveGoal(deps.sql, {
    memberId: member.id,
    metric: goalMetric,
    target,
    startValue,
    startScanId: latest?.scanId ?? null,
  });
  return { kind: "set", metric: goalMetric, target, startValue, units: member.units };
}
