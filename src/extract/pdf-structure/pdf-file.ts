// The objects of a PDF as its cross-reference sections declare them (ISO 32000-1 §7.5), read the way pdf.js
// reads them but without its repairs: a section that cannot be parsed, an offset that does not point at the
// object it names, or a stream whose /Length does not end at `endstream` makes the file corrupt.
import { BUDGETS, corrupt, overBudget } from "./budgets.ts";
import { type ByteBudget, decodeStream } from "./filters.ts";
import { isWhite, Lexer, PdfDict, PdfRef, type PdfValue, parseValue } from "./syntax.ts";

export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** the bytes between `stream` and `endstream`, still encoded */
    readonly raw: Uint8Array,
  ) {}
}

export type PdfObject = PdfValue | PdfStream;

type Entry =
  | { kind: "offset"; offset: number; gen: number }
  | { kind: "packed"; stream: number; index: number }
  | { kind: "free" };

const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
const STARTXREF = ascii("startxref");
const ENDOBJ = ascii("endobj");
const PDF_HEADER = ascii("%PDF-");

function matchesAt(bytes: Uint8Array, needle: Uint8Array, at: number): boolean {
  for (let j = 0; j < needle.byteLength; j++) if (bytes[at + j] !== needle[j]) return false;
  return true;
}

export function indexOf(bytes: Uint8Array, needle: Uint8Array, from = 0, to = bytes.byteLength): number {
  for (
    let i = bytes.indexOf(needle[0]!, from);
    i !== -1 && i + needle.byteLength <= to;
    i = bytes.indexOf(needle[0]!, i + 1)
  ) {
    if (matchesAt(bytes, needle, i)) return i;
  }
  return -1;
}

function lastIndexOf(bytes: Uint8Array, needle: Uint8Array): number {
  for (
    let i = bytes.lastIndexOf(needle[0]!);
    i !== -1;
    i = i > 0 ? bytes.lastIndexOf(needle[0]!, i - 1) : -1
  ) {
    if (matchesAt(bytes, needle, i)) return i;
  }
  return -1;
}

export class PdfFile {
  /** where `%PDF-` starts: offsets in the file count from here (as pdf.js counts them) */
  readonly base: number;
  readonly trailer: PdfDict;
  private readonly entries = new Map<number, Entry>();
  private readonly cache = new Map<number, PdfObject>();
  private readonly packed = new Map<number, { data: Uint8Array; offsets: [number, number][] }>();
  private readonly fetching = new Set<number>();

  constructor(
    readonly bytes: Uint8Array,
    /** shared with the decoding of every stream: object streams and xref streams count too */
    readonly budget: ByteBudget,
  ) {
    this.base = indexOf(bytes, PDF_HEADER, 0, Math.min(bytes.byteLength, 1024 + PDF_HEADER.byteLength));
    if (this.base < 0) corrupt("no %PDF- header");
    this.trailer = this.readXrefChain(this.firstXref());
    if (this.entries.size > BUDGETS.objects) overBudget("more objects than a sheet ever holds");
  }

  /** Object numbers the cross-reference sections declare in use. */
  objectNumbers(): number[] {
    return [...this.entries]
      .filter(([, entry]) => entry.kind !== "free")
      .map(([num]) => num)
      .sort((a, b) => a - b);
  }

  resolve = (value: PdfValue | undefined): PdfValue | undefined => {
    let current: PdfObject | undefined = value;
    for (let hops = 0; current instanceof PdfRef; hops++) {
      if (hops > 8) corrupt("a chain of references to references");
      current = this.object(current.num);
    }
    if (current instanceof PdfStream) return current.dict;
    return current;
  };

  /** An object by number: null for a free or missing one (PDF's rule), corrupt when it is not where declared. */
  object(num: number): PdfObject {
    const cached = this.cache.get(num);
    if (cached !== undefined) return cached;
    const entry = this.entries.get(num);
    if (!entry || entry.kind === "free") return null;
    if (this.fetching.has(num)) corrupt("an object whose /Length refers back to itself");
    this.fetching.add(num);
    try {
      const object = entry.kind === "offset" ? this.readAt(num, entry) : this.readPacked(num, entry);
      this.cache.set(num, object);
      return object;
    } finally {
      this.fetching.delete(num);
    }
  }

  /** The object a value refers to, streams included. */
  deref(value: PdfValue | undefined): PdfObject | undefined {
    return value instanceof PdfRef ? this.object(value.num) : value;
  }

  private firstXref(): number {
    const linearized = this.linearizedStart();
    if (linearized !== null) return linearized;
    const at = lastIndexOf(this.bytes, STARTXREF);
    if (at < 0) corrupt("no startxref");
    const lexer = new Lexer(this.bytes, at + STARTXREF.byteLength);
    const token = lexer.next();
    if (token.kind !== "number" || !token.integer || token.value < 0)
      return corrupt("startxref without an offset");
    return token.value;
  }

  /** pdf.js reads a linearized file (whose /L is its length) from the section after the first object. */
  private linearizedStart(): number | null {
    // from the header itself: `%PDF-1.x` and the binary comment after it are comments to the lexer
    const lexer = new Lexer(this.bytes, this.base);
    try {
      const num = lexer.next();
      const gen = lexer.next();
      const obj = lexer.next();
      if (num.kind !== "number" || gen.kind !== "number" || obj.kind !== "keyword" || obj.value !== "obj")
        return null;
      const dict = parseValue(lexer);
      if (!(dict instanceof PdfDict)) return null;
      const linearized = dict.get("Linearized");
      if (typeof linearized !== "number" || linearized <= 0) return null;
      if (dict.get("L") !== this.bytes.byteLength - this.base) return null;
    } catch {
      return null;
    }
    const end = indexOf(this.bytes, ENDOBJ, this.base);
    if (end < 0) return null;
    let pos = end + ENDOBJ.byteLength;
    while (isWhite(this.bytes[pos])) pos++;
    return pos - this.base;
  }

  private readXrefChain(start: number): PdfDict {
    const queue = [start];
    const seen = new Set<number>();
    let top: PdfDict | null = null;
    while (queue.length > 0) {
      const offset = queue.shift()!;
      if (seen.has(offset)) corrupt("cross-reference sections that point at each other");
      seen.add(offset);
      if (seen.size > BUDGETS.xrefSections) overBudget("more cross-reference sections than a sheet ever has");
      if (this.base + offset >= this.bytes.byteLength) corrupt("a cross-reference offset past the end");
      const lexer = new Lexer(this.bytes, this.base + offset);
      const first = lexer.next();
      let trailer: PdfDict;
      if (first.kind === "keyword" && first.value === "xref") {
        trailer = this.readTable(lexer);
        const stm = trailer.get("XRefStm");
        if (typeof stm === "number") queue.push(stm);
      } else if (first.kind === "number") {
        trailer = this.readXrefStream(lexer);
      } else {
        return corrupt("startxref does not point at a cross-reference section");
      }
      top ??= trailer;
      const prev = trailer.get("Prev");
      if (typeof prev === "number") queue.push(prev);
      else if (prev !== undefined) corrupt("a /Prev that is not an offset");
    }
    return top!;
  }

  private declare(num: number, entry: Entry): void {
    // the newest section read first wins, as in pdf.js
    if (!this.entries.has(num)) this.entries.set(num, entry);
  }

  private readTable(lexer: Lexer): PdfDict {
    const integer = () => {
      const token = lexer.next();
      if (token.kind !== "number" || !token.integer || token.value < 0)
        corrupt("a malformed cross-reference table");
      return token.value;
    };
    for (;;) {
      const mark = lexer.pos;
      const token = lexer.next();
      if (token.kind === "keyword" && token.value === "trailer") break;
      lexer.pos = mark;
      const first = integer();
      const count = integer();
      if (first + count > BUDGETS.objects) overBudget("more objects than a sheet ever holds");
      for (let i = 0; i < count; i++) {
        const offset = integer();
        const gen = integer();
        const type = lexer.next();
        if (type.kind !== "keyword" || (type.value !== "n" && type.value !== "f"))
          corrupt("a malformed cross-reference entry");
        if (type.value === "n" && first + i > 0) this.declare(first + i, { kind: "offset", offset, gen });
        else this.declare(first + i, { kind: "free" });
      }
    }
    const trailer = parseValue(lexer);
    if (!(trailer instanceof PdfDict)) return corrupt("a trailer that is not a dictionary");
    return trailer;
  }

  private readXrefStream(lexer: Lexer): PdfDict {
    const gen = lexer.next();
    if (gen.kind !== "number") corrupt("a malformed cross-reference stream");
    lexer.expectKeyword("obj");
    const stream = this.readBody(lexer);
    if (!(stream instanceof PdfStream) || stream.dict.name("Type") !== "XRef")
      return corrupt("startxref points at an object that is not a cross-reference stream");
    const { dict } = stream;
    const w = dict.get("W");
    if (!Array.isArray(w) || w.length !== 3 || !w.every((n) => typeof n === "number" && n >= 0 && n <= 8))
      corrupt("a cross-reference stream with a bad /W");
    const [w0, w1, w2] = w as number[];
    const size = dict.get("Size");
    if (typeof size !== "number" || size < 0 || size > BUDGETS.objects)
      overBudget("more objects than a sheet ever holds");
    const index = dict.get("Index") ?? [0, size];
    if (!Array.isArray(index) || index.length % 2 !== 0 || !index.every((n) => typeof n === "number"))
      corrupt("a cross-reference stream with a bad /Index");
    const { data } = decodeStream(dict, stream.raw, this.budget, (value) => value);
    const rowBytes = w0! + w1! + w2!;
    let pos = 0;
    const field = (width: number, fallback: number) => {
      if (width === 0) return fallback;
      let value = 0;
      for (let i = 0; i < width; i++) value = value * 256 + data[pos++]!;
      return value;
    };
    for (let k = 0; k < index.length; k += 2) {
      const first = index[k] as number;
      const count = index[k + 1] as number;
      if (first + count > BUDGETS.objects) overBudget("more objects than a sheet ever holds");
      for (let i = 0; i < count; i++) {
        if (pos + rowBytes > data.byteLength) corrupt("a cross-reference stream shorter than its /Index");
        const type = field(w0!, 1);
        const two = field(w1!, 0);
        const three = field(w2!, 0);
        if (type === 1 && first + i > 0) this.declare(first + i, { kind: "offset", offset: two, gen: three });
        else if (type === 2) this.declare(first + i, { kind: "packed", stream: two, index: three });
        else if (type === 0 || type === 1) this.declare(first + i, { kind: "free" });
        else corrupt("a cross-reference entry of an unknown type");
      }
    }
    return dict;
  }

  private readAt(num: number, entry: Extract<Entry, { kind: "offset" }>): PdfObject {
    const at = this.base + entry.offset;
    if (at >= this.bytes.byteLength) corrupt("an object offset past the end of the file");
    const lexer = new Lexer(this.bytes, at);
    const n = lexer.next();
    const g = lexer.next();
    const obj = lexer.next();
    if (
      n.kind !== "number" ||
      n.value !== num ||
      g.kind !== "number" ||
      g.value !== entry.gen ||
      obj.kind !== "keyword" ||
      obj.value !== "obj"
    )
      corrupt("an object offset that does not point at that object");
    return this.readBody(lexer);
  }

  /** After `N G obj`: the value, then `endobj`, or a stream dictionary, its data and `endstream endobj`. */
  private readBody(lexer: Lexer): PdfObject {
    const value = parseValue(lexer);
    const next = lexer.next();
    if (next.kind === "keyword" && next.value === "endobj") return value;
    if (next.kind !== "keyword" || next.value !== "stream" || !(value instanceof PdfDict))
      return corrupt("an object without endobj");
    const { bytes } = this;
    let start = lexer.pos;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    const length = this.resolve(value.get("Length"));
    if (typeof length !== "number" || !Number.isInteger(length) || length < 0)
      corrupt("a stream without a /Length");
    const end = start + length;
    if (end > bytes.byteLength) corrupt("a stream that runs past the end of the file");
    const after = new Lexer(bytes, end);
    after.expectKeyword("endstream");
    after.expectKeyword("endobj");
    return new PdfStream(value, bytes.subarray(start, end));
  }

  private readPacked(num: number, entry: Extract<Entry, { kind: "packed" }>): PdfObject {
    let container = this.packed.get(entry.stream);
    if (!container) {
      const stream = this.object(entry.stream);
      if (!(stream instanceof PdfStream) || stream.dict.name("Type") !== "ObjStm")
        return corrupt("a compressed object in something that is not an object stream");
      const n = this.resolve(stream.dict.get("N"));
      const first = this.resolve(stream.dict.get("First"));
      if (typeof n !== "number" || typeof first !== "number" || n < 0 || first < 0 || n > BUDGETS.objects)
        corrupt("an object stream with a bad /N or /First");
      const { data } = decodeStream(stream.dict, stream.raw, this.budget, this.resolve);
      if (first > data.byteLength) corrupt("an object stream whose /First is past its end");
      const header = new Lexer(data, 0, first);
      const offsets: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        const objNum = header.next();
        const offset = header.next();
        if (objNum.kind !== "number" || offset.kind !== "number" || first + offset.value > data.byteLength)
          corrupt("an object stream with a malformed header");
        offsets.push([objNum.value, first + offset.value]);
      }
      container = { data, offsets };
      this.packed.set(entry.stream, container);
    }
    const slot = container.offsets[entry.index];
    if (!slot || slot[0] !== num) return corrupt("a compressed object that is not where declared");
    let end = container.data.byteLength;
    for (const [, offset] of container.offsets) if (offset > slot[1] && offset < end) end = offset;
    const lexer = new Lexer(container.data, slot[1], end);
    const value = parseValue(lexer);
    if (lexer.next().kind !== "eof") corrupt("a compressed object followed by more than itself");
    return value;
  }
}
