// How many character codes a CMap maps through ranges (begincidrange / beginbfrange): pdf.js fills a table
// entry for every code of every range, so a few lines of ranges could make it write billions of entries.
import { BUDGETS, overBudget } from "./budgets.ts";
import { Lexer, PdfString, type PdfValue, parseValue } from "./syntax.ts";

const code = (value: PdfValue): number | null => {
  if (!(value instanceof PdfString) || value.bytes.byteLength === 0 || value.bytes.byteLength > 4)
    return null;
  let n = 0;
  for (const byte of value.bytes) n = n * 256 + byte;
  return n;
};

/** Throws when the CMap's ranges cover more codes than the budget, or when it does not even tokenize. */
export function checkCmapRanges(data: Uint8Array): void {
  const lexer = new Lexer(data);
  let mapped = 0;
  let inRanges = false;
  for (;;) {
    const token = lexer.next();
    if (token.kind === "eof") return;
    if (token.kind === "keyword") {
      if (token.value === "begincidrange" || token.value === "beginbfrange") inRanges = true;
      else if (token.value.startsWith("end")) inRanges = false;
      continue;
    }
    if (!inRanges) continue;
    const low = code(parseValue(lexer, 0, token));
    const high = code(parseValue(lexer));
    const target = parseValue(lexer);
    if (low === null || high === null || high < low) continue;
    mapped += Array.isArray(target) ? Math.min(target.length, high - low + 1) : high - low + 1;
    if (mapped > BUDGETS.cmapCodes) overBudget("a character map that maps more codes than any font has");
  }
}
