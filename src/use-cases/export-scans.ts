// A member's published scans as CSV (canonical units), for /export.
import type { Sql } from "postgres";
import { exportableScans } from "../db/queries/scans.ts";

export async function exportScansCsv(sql: Sql, memberId: number): Promise<{ csv: string; scans: number }> {
  const rows = await exportableScans(sql, memberId);
  if (rows.length === 0) return { csv: "", scans: 0 };
  const columns = Object.keys(rows[0]!);
  const cell = (value: unknown) => {
    if (value === null || value === undefined) return "";
    const text = String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns.join(","), ...rows.map((row) => columns.map((c) => cell(row[c])).join(","))];
  return { csv: `${lines.join("\r\n")}\r\n`, scans: rows.length };
}
