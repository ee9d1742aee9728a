// /export: a member's published scans as CSV (canonical units), sent privately.
import type { Sql } from "postgres";
import { exportableScans } from "../db/queries/scans.ts";
import { type ActionDeps, memberOf, today } from "./deps.ts";
import type { Actor, CsvCell, CsvWriter } from "./ports.ts";

export interface ExportResult {
  csv: string;
  scans: number;
  fileName: string;
}

export function exportScans(deps: ActionDeps & { csv: CsvWriter }) {
  return async (input: { actor: Actor }): Promise<ExportResult> => {
    const member = await memberOf(deps.sql, input.actor);
    const { csv, scans } = await exportScansCsv(deps.sql, deps.csv, member.id);
    return { csv, scans, fileName: `ronald-pump-scans-${today(deps.now)}.csv` };
  };
}

export async function exportScansCsv(
  sql: Sql,
  csv: CsvWriter,
  memberId: number,
): Promise<{ csv: string; scans: number }> {
  const rows = await exportableScans(sql, memberId);
  if (rows.length === 0) return { csv: "", scans: 0 };
  const columns = Object.keys(rows[0]!);
  const cell = (value: unknown): CsvCell =>
    value === null || value === undefined ? "" : typeof value === "number" ? value : String(value);
  return { csv: csv([columns, ...rows.map((row) => columns.map((c) => cell(row[c])))]), scans: rows.length };
}
