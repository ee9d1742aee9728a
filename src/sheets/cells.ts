// How desired values meet sheet cells: numbers compare as numbers, null is an empty cell.
import type { Cell } from "./sheet-sink.ts";

export type DesiredValue = string | number | null;

/** What is written for a desired value: null and non-finite numbers become an empty cell. */
export function toCell(value: DesiredValue | undefined): Cell {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  return value;
}

/** The text a person sees, used for ids and header names. */
export function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return String(cell);
}

export function isEmptyCell(cell: Cell | undefined): boolean {
  return cell === undefined || cell === "";
}

/**
 * True when the sheet already shows `wanted`. A number matches a numeric cell of the same value or a
 * text cell that reads as that number (a CSV has only text); text matches by exact characters.
 */
export function sameCell(current: Cell | undefined, wanted: Cell): boolean {
  if (isEmptyCell(wanted)) return isEmptyCell(current);
  if (current === undefined) return false;
  if (typeof wanted === "number") {
    if (typeof current === "number") return current === wanted;
    if (typeof current === "string" && current.trim() !== "") return Number(current) === wanted;
    return false;
  }
  if (typeof wanted === "boolean") return current === wanted || cellText(current) === cellText(wanted);
  return cellText(current) === wanted;
}

/** A total order for sorting rows: empty first, then numbers, then text by code point. */
export function compareValues(a: DesiredValue | undefined, b: DesiredValue | undefined): number {
  const rank = (v: DesiredValue | undefined) =>
    v === null || v === undefined || v === "" ? 0 : typeof v === "number" ? 1 : 2;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) return (a as number) - (b as number);
  if (ra === 2) return a! < b! ? -1 : a! > b! ? 1 : 0;
  return 0;
}
