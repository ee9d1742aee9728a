// Reads of what the pipeline published (gold, and silver where a reply needs the full scan).
import type { Sql } from "postgres";
import type { ChangeClass, TrackedMetric } from "../../domain/metrics.ts";
import { TRACKED_METRICS } from "../../domain/metrics.ts";
import type { GoalView, MetricChange, NoiseThreshold, ScanPoint } from "../../domain/progress.ts";
import type { ScanRecord } from "../../domain/scan-record.ts";

export interface ProgressRow extends ScanPoint {
  scanNumber: number;
  changes: MetricChange[];
}

export async function noiseThresholds(sql: Sql): Promise<NoiseThreshold[]> {
  return sql<NoiseThreshold[]>`
    select metric, likely_at as "likelyAt", real_at as "realAt" from gold.metric_noise order by metric`;
}

function toProgressRow(row: Record<string, unknown>): ProgressRow {
  const values = {} as Record<TrackedMetric, number | null>;
  const changes: MetricChange[] = [];
  for (const metric of TRACKED_METRICS) {
    values[metric] = row[metric] as number | null;
    changes.push({
      metric,
      value: row[metric] as number | null,
      deltaPrev: row[`${metric}_delta_prev`] as number | null,
      deltaBase: row[`${metric}_delta_base`] as number | null,
      classPrev: row[`${metric}_class_prev`] as ChangeClass | null,
      classBase: row[`${metric}_class_base`] as ChangeClass | null,
    });
  }
  return {
    scanId: row.scan_id as string,
    scanNumber: Number(row.scan_number),
    scannedAt: row.scanned_at_text as string,
    values,
    changes,
  };
}

/** The member's scans in time order, each with its changes. */
export async function memberProgress(sql: Sql, memberId: number): Promise<ProgressRow[]> {
  const rows = await sql<Record<string, unknown>[]>`
    select *, to_char(scanned_at, 'YYYY-MM-DD"T"HH24:MI') as scanned_at_text
    from gold.member_progress where member_id = ${memberId} order by scanned_at`;
  return rows.map(toProgressRow);
}

export async function goalStatus(sql: Sql, memberId: number): Promise<GoalView[]> {
  return sql<GoalView[]>`
    select metric, target, start_value as "startValue", latest_value as "latestValue",
           progress_pct::float8 as "progressPct", reached_scan_id as "reachedScanId",
           to_char(reached_at, 'YYYY-MM-DD"T"HH24:MI') as "reachedAt"
    from gold.goal_status where member_id = ${memberId} order by metric`;
}

export interface LeaderboardRow {
  memberId: number;
  name: string;
  rank: number;
  tied: boolean;
  score: number;
  withinNoise: boolean;
  scansInPeriod: number;
  baselineAt: string;
  latestAt: string;
}

export async function leaderboard(
  sql: Sql,
  groupId: number,
  period: string,
  metric: string,
): Promise<LeaderboardRow[]> {
  return sql<LeaderboardRow[]>`
    select l.member_id::int as "memberId", m.display_name as name, l.rank::int as rank, l.tied, l.score::float8 as score,
           l.within_noise as "withinNoise", l.scans_in_period::int as "scansInPeriod",
           to_char(l.baseline_at, 'YYYY-MM-DD"T"HH24:MI') as "baselineAt",
           to_char(l.latest_at, 'YYYY-MM-DD"T"HH24:MI') as "latestAt"
    from gold.leaderboard l join app.members m on m.id = l.member_id
    where l.group_id = ${groupId} and l.period = ${period} and l.metric = ${metric}
    order by l.rank, m.display_name`;
}

/** Members of the group who are visible but not yet ranked in the period (fewer than two scans). */
export async function unrankedMembers(
  sql: Sql,
  groupId: number,
  period: string,
  metric: string,
): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select m.display_name as name from app.memberships ms join app.members m on m.id = ms.member_id
    where ms.group_id = ${groupId} and not ms.hidden
      and not exists (select 1 from gold.leaderboard l where l.group_id = ms.group_id and l.member_id = ms.member_id
                      and l.period = ${period} and l.metric = ${metric})
    order by m.display_name`;
  return rows.map((r) => r.name);
}

/** The full canonical record of a published scan (segments with their ranges, nutrition…). */
export async function scanRecord(sql: Sql, scanId: string): Promise<ScanRecord | null> {
  const [row] = await sql<{ payload: ScanRecord }[]>`
    select r.payload from silver.scans s join bronze.scan_reports r on r.id = s.scan_report_id
    where s.scan_id = ${scanId}`;
  return row?.payload ?? null;
}

export async function scanReportIdOf(sql: Sql, scanId: string): Promise<number | null> {
  const [row] = await sql<
    { id: number }[]
  >`select scan_report_id::int as id from silver.scans where scan_id = ${scanId}`;
  return row?.id ?? null;
}

export async function scanIdAt(sql: Sql, memberId: number, scannedAt: string): Promise<string | null> {
  const [row] = await sql<{ scanId: string }[]>`
    select scan_id as "scanId" from silver.scans where member_id = ${memberId} and scanned_at = ${scannedAt}::timestamp`;
  return row?.scanId ?? null;
}

export interface SheetMirrorRow {
  tab: string;
  /** the displayed columns asked for, by name; numbers are double precision, text stays text */
  values: Record<string, string | number | null>;
}

/**
 * gold.sheet_rows as the Sheet mirror needs it: the tab plus exactly `columns` (chosen in code, see
 * src/sheets/columns.ts). A column the model does not have fails loudly here instead of syncing blanks.
 */
export async function sheetMirrorRows(sql: Sql, columns: readonly string[]): Promise<SheetMirrorRow[]> {
  const rows = await sql<Record<string, unknown>[]>`
    select tab, ${sql(columns as string[])} from gold.sheet_rows order by tab, scanned_at, scan_id`;
  return rows.map((row) => {
    const values: Record<string, string | number | null> = {};
    for (const column of columns) {
      const v = row[column];
      values[column] =
        v === null || v === undefined
          ? null
          : typeof v === "number" || typeof v === "string"
            ? v
            : v instanceof Date
              ? v.toISOString()
              : String(v);
    }
    return { tab: row.tab as string, values };
  });
}

/** Column names of gold.sheet_rows in model order (to check the Sheet's column list against it). */
export async function sheetRowsColumns(sql: Sql): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select attname as name from pg_attribute
    where attrelid = 'gold.sheet_rows'::regclass and attnum > 0 and not attisdropped order by attnum`;
  return rows.map((r) => r.name);
}
