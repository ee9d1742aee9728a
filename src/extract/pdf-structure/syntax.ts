// PDF's lexical rules and objects (ISO 32000-1 §7.2–7.3), strict and bounded: whatever does not follow the
// syntax is corrupt (a reader would have to guess), and nesting deeper than the budget is refused.
import { BUDGETS, corrupt, overBudget } from "./budgets.ts";

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

export class PdfString {
  constructor(readonly bytes: Uint8Array) {}
}

export class PdfDict {
  constructor(readonly entries: Map<string, PdfValue>) {}

  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  name(key: string): string | null {
    const value = this.entries.get(key);
    return value instanceof PdfName ? value.name : null;
  }
}

export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfString | PdfDict | PdfValue[];

export type Token =
  | { kind: "number"; value: number; integer: boolean }
  | { kind: "name"; value: string }
  | { kind: "string"; value: Uint8Array }
  | { kind: "keyword"; value: string }
  | { kind: "open"; value: "[" | "<<" | "{" }
  | { kind: "close"; value: "]" | ">>" | "}" }
  | { kind: "eof" };

const WHITE = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITE[byte] = 1;
const DELIMITER = new Uint8Array(256);
for (const char of "()<>[]{}/%") DELIMITER[char.charCodeAt(0)] = 1;

export const isWhite = (byte: number | undefined): boolean => byte !== undefined && WHITE[byte] === 1;
export const isRegular = (byte: number | undefined): boolean =>
  byte !== undefined && WHITE[byte] === 0 && DELIMITER[byte] === 0;

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

export class Lexer {
  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
    readonly end = bytes.length,
  ) {}

  skipSpace(): void {
    const { bytes, end } = this;
    while (this.pos < end) {
      const byte = bytes[this.pos]!;
      if (WHITE[byte]) this.pos++;
      else if (byte === 0x25) {
        while (this.pos < end && bytes[this.pos] !== 0x0a && bytes[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  next(): Token {
    this.skipSpace();
    const { bytes, end } = this;
    if (this.pos >= end) return { kind: "eof" };
    const byte = bytes[this.pos]!;
    switch (byte) {
      case 0x5b: // [
        this.pos++;
        return { kind: "open", value: "[" };
      case 0x5d:
        this.pos++;
        return { kind: "close", value: "]" };
      case 0x7b: // {
        this.pos++;
        return { kind: "open", value: "{" };
      case 0x7d:
        this.pos++;
        return { kind: "close", value: "}" };
      case 0x3c: // <
        if (bytes[this.pos + 1] === 0x3c) {
          this.pos += 2;
          return { kind: "open", value: "<<" };
        }
        return { kind: "string", value: this.hexString() };
      case 0x3e: // >
        if (bytes[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return { kind: "close", value: ">>" };
        }
        return corrupt("a lone '>'");
      case 0x28: // (
        return { kind: "string", value: this.literalString() };
      case 0x29:
        return corrupt("a lone ')'");
      case 0x2f: // /
        return { kind: "name", value: this.name() };
    }
    if ((byte >= 0x30 && byte <= 0x39) || byte === 0x2b || byte === 0x2d || byte === 0x2e)
      return this.number();
    const start = this.pos;
    while (this.pos < end && isRegular(bytes[this.pos])) this.pos++;
    return { kind: "keyword", value: latin1(bytes, start, this.pos) };
  }

  /** [+-]digits[.digits] or [+-].digits, ending at white space or a delimiter. */
  private number(): Token {
    const { bytes, end } = this;
    let negative = false;
    if (bytes[this.pos] === 0x2b || bytes[this.pos] === 0x2d) negative = bytes[this.pos++] === 0x2d;
    let value = 0;
    let digits = 0;
    let scale = 0;
    let integer = true;
    while (this.pos < end) {
      const byte = bytes[this.pos]!;
      if (byte >= 0x30 && byte <= 0x39) {
        value = value * 10 + (byte - 0x30);
        digits++;
        if (!integer) scale++;
      } else if (byte === 0x2e && integer) integer = false;
      else break;
      this.pos++;
    }
    if (digits === 0 || isRegular(bytes[this.pos])) return corrupt("a malformed number");
    const magnitude = scale === 0 ? value : value / 10 ** scale;
    return { kind: "number", value: negative ? -magnitude : magnitude, integer };
  }

  /** The next token is this keyword (after white space), or the file is corrupt. */
  expectKeyword(keyword: string): void {
    const token = this.next();
    if (token.kind !== "keyword" || token.value !== keyword) corrupt(`expected '${keyword}'`);
  }

  private name(): string {
    const { bytes, end } = this;
    this.pos++;
    let name = "";
    let start = this.pos;
    while (this.pos < end && isRegular(bytes[this.pos])) {
      if (bytes[this.pos] === 0x23) {
        const hi = hexValue(bytes[this.pos + 1] ?? 0);
        const lo = hexValue(bytes[this.pos + 2] ?? 0);
        if (hi < 0 || lo < 0) corrupt("a malformed #xx escape in a name");
        name += latin1(bytes, start, this.pos) + String.fromCharCode(hi * 16 + lo);
        this.pos += 3;
        start = this.pos;
      } else this.pos++;
    }
    return name + latin1(bytes, start, this.pos);
  }

  private hexString(): Uint8Array {
    const { bytes, end } = this;
    this.pos++;
    const out: number[] = [];
    let high = -1;
    while (this.pos < end) {
      const byte = bytes[this.pos++]!;
      if (byte === 0x3e) {
        if (high >= 0) out.push(high * 16);
        return Uint8Array.from(out);
      }
      if (WHITE[byte]) continue;
      const value = hexValue(byte);
      if (value < 0) corrupt("a non-hex character in a hex string");
      if (high < 0) high = value;
      else {
        out.push(high * 16 + value);
        high = -1;
      }
    }
    return corrupt("an unterminated hex string");
  }

  private literalString(): Uint8Array {
    const { bytes, end } = this;
    this.pos++;
    let out = new Uint8Array(64);
    let used = 0;
    const push = (byte: number) => {
      if (used === out.byteLength) {
        const grown = new Uint8Array(out.byteLength * 2);
        grown.set(out);
        out = grown;
      }
      out[used++] = byte;
    };
    let depth = 1;
    while (this.pos < end) {
      const byte = bytes[this.pos++]!;
      if (byte === 0x5c) {
        const escaped = bytes[this.pos++];
        if (escaped === undefined) break;
        const simple = ESCAPES[escaped];
        if (simple !== undefined) push(simple);
        else if (escaped >= 0x30 && escaped <= 0x37) {
          let value = escaped - 0x30;
          for (let i = 0; i < 2 && (bytes[this.pos] ?? 0) >= 0x30 && bytes[this.pos]! <= 0x37; i++) {
            value = value * 8 + bytes[this.pos++]! - 0x30;
          }
          push(value & 0xff);
        } else if (escaped === 0x0d) {
          if (bytes[this.pos] === 0x0a) this.pos++;
        } else if (escaped !== 0x0a) push(escaped);
        continue;
      }
      if (byte === 0x28) depth++;
      else if (byte === 0x29 && --depth === 0) return out.subarray(0, used);
      push(byte);
    }
    return corrupt("an unterminated string");
  }
}

const ESCAPES: Record<number, number> = {
  110: 0x0a, // \n
  114: 0x0d, // \r
  116: 0x09, // \t
  98: 0x08, // \b
  102: 0x0c, // \f
  40: 0x28,
  41: 0x29,
  92: 0x5c,
};

export function latin1(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 24) {
    let text = "";
    for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
    return text;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
}

/** One object (value) at the lexer's position: `N G R` becomes a reference. */
export function parseValue(lexer: Lexer, depth = 0, token = lexer.next()): PdfValue {
  switch (token.kind) {
    case "number": {
      if (!token.integer || token.value < 0) return token.value;
      const mark = lexer.pos;
      const gen = lexer.next();
      if (gen.kind === "number" && gen.integer && gen.value >= 0) {
        const r = lexer.next();
        if (r.kind === "keyword" && r.value === "R") return new PdfRef(token.value, gen.value);
      }
      lexer.pos = mark;
      return token.value;
    }
    case "name":
      return new PdfName(token.value);
    case "string":
      return new PdfString(token.value);
    case "keyword":
      if (token.value === "true") return true;
      if (token.value === "false") return false;
      if (token.value === "null") return null;
      return corrupt("an unexpected keyword inside an object");
    case "open": {
      if (depth >= BUDGETS.nesting) overBudget("arrays or dictionaries nested too deeply");
      if (token.value === "[") return parseArray(lexer, depth + 1);
      if (token.value === "<<") return parseDict(lexer, depth + 1);
      return corrupt("a '{' outside a function");
    }
    case "close":
      return corrupt(`an unexpected '${token.value}'`);
    case "eof":
      return corrupt("the file ends inside an object");
  }
}

function parseArray(lexer: Lexer, depth: number): PdfValue[] {
  const items: PdfValue[] = [];
  for (;;) {
    const token = lexer.next();
    if (token.kind === "close" && token.value === "]") return items;
    items.push(parseValue(lexer, depth, token));
  }
}

function parseDict(lexer: Lexer, depth: number): PdfDict {
  const entries = new Map<string, PdfValue>();
  for (;;) {
    const token = lexer.next();
    if (token.kind === "close" && token.value === ">>") return new PdfDict(entries);
    if (token.kind !== "name") corrupt("a dictionary key that is not a name");
    entries.set(token.value, parseValue(lexer, depth));
  }
}
