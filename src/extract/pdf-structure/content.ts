// Counts what a content stream makes a reader do (ISO 32000-1 §8–9): operators, text-showing operators, the
// depth of saved graphics states, the XObjects it draws and the inline images it holds. Strict syntax: a
// stream a reader could only half-parse is corrupt.
import { BUDGETS, corrupt, overBudget } from "./budgets.ts";
import { isWhite, Lexer, PdfDict, PdfName, PdfString, type PdfValue, parseValue } from "./syntax.ts";

export interface ContentScan {
  operators: number;
  textOperators: number;
  /** bytes of the strings the text operators show */
  textBytes: number;
  /** names drawn with `Do`, once per use */
  drawn: string[];
  /** font resource names selected with `Tf` */
  fonts: Set<string>;
  /** inline images' dictionaries (BI … ID) */
  inlineImages: PdfDict[];
}

const TEXT_OPERATORS = new Set(["Tj", "TJ", "'", '"']);
const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
const EI = ascii("EI");

export function scanContent(data: Uint8Array): ContentScan {
  const scan: ContentScan = {
    operators: 0,
    textOperators: 0,
    textBytes: 0,
    drawn: [],
    fonts: new Set(),
    inlineImages: [],
  };
  const lexer = new Lexer(data);
  const operands: PdfValue[] = [];
  let depth = 0;
  for (;;) {
    const token = lexer.next();
    if (token.kind === "eof") break;
    if (
      token.kind !== "keyword" ||
      token.value === "true" ||
      token.value === "false" ||
      token.value === "null"
    ) {
      operands.push(parseValue(lexer, 0, token));
      if (operands.length > 64) corrupt("an operator with more operands than any has");
      continue;
    }
    const op = token.value;
    scan.operators++;
    if (scan.operators > BUDGETS.operators) overBudget("more drawing operators than a sheet ever has");
    if (TEXT_OPERATORS.has(op)) {
      scan.textOperators++;
      scan.textBytes += shownBytes(operands);
      if (scan.textBytes > BUDGETS.textBytes) overBudget("more text than a sheet ever has");
    } else if (op === "q") {
      if (++depth > BUDGETS.saveDepth) overBudget("graphics states saved deeper than PDF allows");
    } else if (op === "Q") depth = Math.max(0, depth - 1);
    else if (op === "Do") {
      const name = operands.at(-1);
      if (!(name instanceof PdfName)) corrupt("Do without an XObject name");
      scan.drawn.push(name.name);
    } else if (op === "Tf") {
      const name = operands.at(-2);
      if (name instanceof PdfName) scan.fonts.add(name.name);
    } else if (op === "BI") {
      scan.inlineImages.push(inlineImage(lexer, data));
    }
    operands.length = 0;
  }
  return scan;
}

function shownBytes(operands: PdfValue[]): number {
  let bytes = 0;
  for (const operand of operands) {
    if (operand instanceof PdfString) bytes += operand.bytes.byteLength;
    else if (Array.isArray(operand)) bytes += shownBytes(operand);
  }
  return bytes;
}

/** BI <key value…> ID <data> EI: the dictionary, with the lexer moved past EI. */
function inlineImage(lexer: Lexer, data: Uint8Array): PdfDict {
  const entries = new Map<string, PdfValue>();
  for (;;) {
    const token = lexer.next();
    if (token.kind === "keyword" && token.value === "ID") break;
    if (token.kind !== "name") corrupt("an inline image without ID");
    entries.set(token.value, parseValue(lexer));
  }
  // one white-space byte after ID, then binary data up to an EI that stands alone
  let at = lexer.pos + 1;
  for (;;) {
    const found = indexFrom(data, EI, at);
    if (found < 0) corrupt("an inline image without EI");
    if (isWhite(data[found - 1]) && (found + 2 >= data.byteLength || isWhite(data[found + 2]))) {
      lexer.pos = found + 2;
      return new PdfDict(entries);
    }
    at = found + 1;
  }
}

function indexFrom(bytes: Uint8Array, needle: Uint8Array, from: number): number {
  for (let i = bytes.indexOf(needle[0]!, from); i !== -1; i = bytes.indexOf(needle[0]!, i + 1)) {
    if (bytes[i + 1] === needle[1]) return i;
  }
  return -1;
}
