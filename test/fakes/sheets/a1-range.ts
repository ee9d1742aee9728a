// Parses A1 ranges as the Sheets API accepts them: `Tab`, `'Tab name'`, `'Bob''s'!A1`, `Tab!A1:ZZ`,
// `Tab!A:C`, `Tab!2:5`. Rows/columns are 0-based and end-exclusive; undefined = unbounded.

export interface A1Range {
  tab: string;
  startRow: number;
  endRow: number | undefined;
  startCol: number;
  endCol: number | undefined;
}

export function parseA1(range: string): A1Range {
  let tab: string;
  let rest: string;
  if (range.startsWith("'")) {
    let i = 1;
    tab = "";
    for (;;) {
      if (i >= range.length) throw new Error(`Unable to parse range: ${range}`);
      const ch = range[i]!;
      if (ch === "'") {
        if (range[i + 1] === "'") {
          tab += "'";
          i += 2;
          continue;
        }
        i++;
        break;
      }
      tab += ch;
      i++;
    }
    rest = range.slice(i);
    if (rest !== "" && !rest.startsWith("!")) throw new Error(`Unable to parse range: ${range}`);
    rest = rest.slice(1);
  } else {
    const bang = range.lastIndexOf("!");
    tab = bang === -1 ? range : range.slice(0, bang);
    rest = bang === -1 ? "" : range.slice(bang + 1);
  }
  const all: A1Range = { tab, startRow: 0, endRow: undefined, startCol: 0, endCol: undefined };
  if (rest === "") return all;
  const [from, to] = rest.split(":");
  const a = parseCell(from!, range);
  const b = to === undefined ? a : parseCell(to, range);
  return {
    tab,
    startRow: a.row ?? 0,
    endRow: b.row === undefined ? undefined : b.row + 1,
    startCol: a.col ?? 0,
    endCol: b.col === undefined ? undefined : b.col + 1,
  };
}

function parseCell(text: string, range: string): { row: number | undefined; col: number | undefined } {
  const m = /^([A-Za-z]*)(\d*)$/.exec(text);
  if (!m || (m[1] === "" && m[2] === "")) throw new Error(`Unable to parse range: ${range}`);
  let col: number | undefined;
  if (m[1]) {
    col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    col -= 1;
  }
  const row = m[2] ? Number(m[2]) - 1 : undefined;
  if (row !== undefined && row < 0) throw new Error(`Unable to parse range: ${range}`);
  return { row, col };
}

export function colLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function formatA1(
  tab: string,
  startRow: number,
  startCol: number,
  endRow: number,
  endCol: number,
): string {
  const q = `'${tab.replaceAll("'", "''")}'`;
  return `${q}!${colLetters(startCol)}${startRow + 1}:${colLetters(endCol - 1)}${endRow}`;
}
