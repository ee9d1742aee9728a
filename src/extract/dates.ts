import type { MassUnit } from "./units.ts";

export interface PrintedDate {
  /** ISO 8601 wall-clock time without zone, e.g. 2026-03-14T07:35 */
  iso: string;
  order: "DMY" | "MDY";
  confidence: "certain" | "inferred";
}

const DATE = /(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})(?:[\sT,]+(\d{1,2})[:.](\d{2}))?/;

/**
 * evolt-report.md §2: a part above 12 is a day and decides the order for certain; otherwise the unit
 * system decides (kg sheets DD-MM, lb sheets MM-DD) and the order is only inferred.
 */
export function parsePrintedDate(text: string, massUnit: MassUnit): PrintedDate | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const first = Number(match[1]);
  const second = Number(match[2]);
  const year = Number(match[3]);
  const hour = match[4] === undefined ? 0 : Number(match[4]);
  const minute = match[5] === undefined ? 0 : Number(match[5]);
  let order: "DMY" | "MDY";
  let confidence: "certain" | "inferred" = "certain";
  if (first > 12 && second <= 12) order = "DMY";
  else if (second > 12 && first <= 12) order = "MDY";
  else if (first <= 12 && second <= 12) {
    order = massUnit === "lb" ? "MDY" : "DMY";
    confidence = "inferred";
  } else return null;
  const day = order === "DMY" ? first : second;
  const month = order === "DMY" ? second : first;
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59) return null;
  const iso = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
  return { iso, order, confidence };
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
