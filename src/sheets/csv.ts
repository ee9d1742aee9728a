// RFC 4180 CSV: CRLF between records, fields quoted when they hold a comma, quote, CR or LF; a quote in
// a quoted field is doubled. Reading also accepts bare LF line ends (a file edited by hand).
import type { Cell } from "./sheet-sink.ts";

export function formatCsv(rows: readonly (readonly Cell[])[]): string {
  const width = Math.max(0, ...rows.map((r) => r.length));
  // Every record gets the same number of fields, as RFC 4180 asks; reading trims them again.
  return rows
    .map((row) => Array.from({ length: width }, (_, i) => formatField(row[i] ?? "")).join(","))
    .map((line) => `${line}\r\n`)
    .join("");
}

function formatField(cell: Cell): string {
  const text = typeof cell === "boolean" ? (cell ? "TRUE" : "FALSE") : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Records as arrays of text, trailing empty fields and trailing empty records dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = "";
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      endRecord();
      i++;
    } else if (ch === "\n") endRecord();
    else field += ch;
    i++;
  }
  if (field !== "" || row.length > 0 || quoted) endRecord();
  for (const r of rows) while (r.length > 0 && r.at(-1) === "") r.pop();
  while (rows.length > 0 && rows.at(-1)!.length === 0) rows.pop();
  return rows;
}
