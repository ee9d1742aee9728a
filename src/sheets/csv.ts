// RFC 4180 CSV through csv-stringify / csv-parse: CRLF between records, fields quoted when they need it.
// A text cell that a spreadsheet would run as a formula (it begins with =, +, -, @, tab or CR) is written
// with a leading apostrophe (OWASP CSV injection); negative numbers stay numbers. Reading removes that
// apostrophe again, so the mirror sees the value it wrote and a sync does not rewrite it forever.
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { Cell } from "./sheet-sink.ts";

/** The first characters csv-stringify's `escape_formulas` neutralises (ASCII and their full-width forms). */
const FORMULA_START = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";
/** A cell written with the neutralising apostrophe: `'` then a formula start, or an apostrophe we doubled. */
const NEUTRALISED = new RegExp(`^'[${FORMULA_START}']`);

/** Text that already starts like a neutralised cell gets one more apostrophe, so reading is exact. */
function keepApostrophes(text: string): string {
  return NEUTRALISED.test(text) ? `'${text}` : text;
}

export function formatCsv(rows: readonly (readonly Cell[])[]): string {
  const width = Math.max(0, ...rows.map((r) => r.length));
  // Every record gets the same number of fields, as RFC 4180 asks; reading trims them again.
  const padded = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""));
  return stringify(padded, {
    record_delimiter: "windows",
    // set with a record_delimiter, it would default to false and leave a lone CR or LF unquoted
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: {
      boolean: (value) => (value ? "TRUE" : "FALSE"),
      string: keepApostrophes,
    },
  });
}

/** Records as arrays of text, trailing empty fields and trailing empty records dropped. */
export function parseCsv(text: string): string[][] {
  const rows = parse(text, {
    relax_column_count: true,
    skip_empty_lines: false,
    bom: true,
  }) as string[][];
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (NEUTRALISED.test(row[i]!)) row[i] = row[i]!.slice(1);
    }
    while (row.length > 0 && row.at(-1) === "") row.pop();
  }
  while (rows.length > 0 && rows.at(-1)!.length === 0) rows.pop();
  return rows;
}
