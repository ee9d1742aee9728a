// A1 notation for the Sheets API. Tab names are always quoted ('Gym A', 'Bob''s group').

export function quoteTab(tab: string): string {
  return `'${tab.replaceAll("'", "''")}'`;
}

/** 0-based column index → letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A one-row range starting at 0-based (row, col), `width` cells wide. */
export function rowRange(tab: string, row: number, col: number, width: number): string {
  const start = `${columnLetters(col)}${row + 1}`;
  const end = `${columnLetters(col + Math.max(width, 1) - 1)}${row + 1}`;
  return `${quoteTab(tab)}!${start}:${end}`;
}
