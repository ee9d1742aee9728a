// Goals members set themselves (app.goals); their progress is read from gold.goal_status.
import type { Sql } from "postgres";
import type { GoalMetric } from "../../domain/metrics.ts";

export async function saveGoal(
  sql: Sql,
  goal: {
    memberId: number;
    metric: GoalMetric;
    target: number;
    startValue: number | null;
    startScanId: string | null;
  },
): Promise<void> {
  await sql`
    insert into app.goals (member_id, metric, target, start_value, start_scan_id)
    values (${goal.memberId}, ${goal.metric}, ${goal.target}, ${goal.startValue}, ${goal.startScanId})
    on conflict (member_id, metric) do update
      set target = excluded.target, start_value = excluded.start_value, start_scan_id = excluded.start_scan_id, set_at = now()`;
}

export async function clearGoal(sql: Sql, memberId: number, metric: GoalMetric): Promise<void> {
  await sql`delete from app.goals where member_id = ${memberId} and metric = ${metric}`;
}
