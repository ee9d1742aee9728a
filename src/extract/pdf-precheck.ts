// A bounded check of a file before pdf.js opens it. A file passes only if pdf.js can read it as written —
// every object where its cross-reference section says, every stream decoding cleanly (Flate checked by its
// Adler-32 sum), nothing pdf.js would have to repair — and within budgets no sheet comes near (bytes
// decoded, pages, operators, nesting, image sizes, character maps). Same bytes, same verdict, whatever the
// load: the cage's time and memory limits are only a last resort behind this.
import { BUDGETS, corrupt, overBudget, PdfRefusal } from "./pdf-structure/budgets.ts";
import { checkCmapRanges } from "./pdf-structure/cmap.ts";
import { scanContent } from "./pdf-structure/content.ts";
import { decodeStream } from "./pdf-structure/filters.ts";
import { indexOf, PdfFile, type PdfObject, PdfStream } from "./pdf-structure/pdf-file.ts";
import { PdfDict, PdfRef, type PdfValue } from "./pdf-structure/syntax.ts";

/** The size limit: the Telegram Bot API hands bots nothing larger, and a scan sheet is well under 1 MB. */
export const MAX_PDF_BYTES = 20 * 1024 * 1024;

export interface PdfOutline {
  pages: number;
}

/** Other formats' signatures: a file that starts with one (a ZIP holding a PDF, a photo) is not a PDF. */
const FOREIGN_MAGIC: [string, number[]][] = [
  ["zip", [0x50, 0x4b, 0x03, 0x04]],
  ["png", [0x89, 0x50, 0x4e, 0x47]],
  ["jpeg", [0xff, 0xd8, 0xff]],
  ["gif", [0x47, 0x49, 0x46, 0x38]],
  ["riff", [0x52, 0x49, 0x46, 0x46]],
  ["gzip", [0x1f, 0x8b]],
  ["ole", [0xd0, 0xcf, 0x11, 0xe0]],
  ["rar", [0x52, 0x61, 0x72, 0x21]],
  ["7z", [0x37, 0x7a, 0xbc, 0xaf]],
  ["elf", [0x7f, 0x45, 0x4c, 0x46]],
  ["tiff", [0x49, 0x49, 0x2a, 0x00]],
  ["tiff", [0x4d, 0x4d, 0x00, 0x2a]],
  ["postscript", [0x25, 0x21, 0x50, 0x53]],
];
const ZIP_ENTRY = Uint8Array.from([0x50, 0x4b, 0x03, 0x04]);
const PDF_HEADER = Uint8Array.from("%PDF-", (char) => char.charCodeAt(0));
/** pdf.js looks for the header this far into the file; the bytes before it must be nobody's header. */
const HEADER_WINDOW = 1024;

const rejected = (code: "not_pdf" | "too_large" | "encrypted_pdf", reason: string) =>
  new PdfRefusal(code, reason);

/** Throws ScanRejectedError (not_pdf, too_large, corrupt_pdf, encrypted_pdf) or returns what it found. */
export function precheckPdf(bytes: Uint8Array): PdfOutline {
  if (bytes.byteLength > MAX_PDF_BYTES) throw rejected("too_large", "over the size limit");
  checkHeader(bytes);
  const budget = { left: BUDGETS.decodedBytes };
  const file = new PdfFile(bytes, budget);
  if (file.trailer.get("Encrypt") !== undefined) throw rejected("encrypted_pdf", "an /Encrypt dictionary");
  const decoded = decodeEveryStream(file, budget);
  const pages = pageLeaves(file);
  const check = new ContentCheck(file, decoded);
  for (const page of pages) check.page(page);
  return { pages: pages.length };
}

/** `%PDF-` at the start; a little junk before it only if that junk is not another format's header. */
function checkHeader(bytes: Uint8Array): void {
  const at = indexOf(bytes, PDF_HEADER, 0, Math.min(bytes.byteLength, HEADER_WINDOW + PDF_HEADER.byteLength));
  if (at < 0) throw rejected("not_pdf", "no %PDF- header at the start");
  if (at === 0) return;
  const head = bytes.subarray(0, at);
  for (const [, magic] of FOREIGN_MAGIC) {
    if (magic.every((byte, i) => head[i] === byte)) throw rejected("not_pdf", "another format's header");
  }
  if (indexOf(head, ZIP_ENTRY) >= 0) throw rejected("not_pdf", "a ZIP entry before the PDF");
}

/**
 * Decodes every stream the cross-reference sections declare (used or not: all must be sound), checks image
 * sizes and sampled functions, and keeps the decoded bytes of streams that may be drawn.
 */
function decodeEveryStream(file: PdfFile, budget: { left: number }): Map<PdfStream, Uint8Array> {
  const decoded = new Map<PdfStream, Uint8Array>();
  for (const num of file.objectNumbers()) {
    const object = file.object(num);
    checkDictionaries(file, object, 0);
    if (!(object instanceof PdfStream)) continue;
    const result = decodeStream(object.dict, object.raw, budget, file.resolve, streamCap(file, object.dict));
    if (mayBeDrawn(object.dict)) decoded.set(object, result.data);
  }
  return decoded;
}

/** What one stream may decode to: an image its declared size (in RGBA, at most), anything else a fixed cap. */
function streamCap(file: PdfFile, dict: PdfDict): number {
  if (dict.name("Subtype") !== "Image") return BUDGETS.streamBytes;
  const number = (key: string, fallback: number) => {
    const value = file.resolve(dict.get(key));
    return typeof value === "number" && value > 0 ? value : fallback;
  };
  const width = number("Width", 0);
  const height = number("Height", 0);
  if (width === 0 || height === 0) return BUDGETS.streamBytes;
  const rowBytes = Math.ceil((width * 4 * Math.min(16, number("BitsPerComponent", 8))) / 8) + 1;
  return rowBytes * height + 4096;
}

/** Streams that are never content, a form, a glyph procedure or a character map need not be kept. */
function mayBeDrawn(dict: PdfDict): boolean {
  const subtype = dict.name("Subtype");
  const type = dict.name("Type");
  if (subtype === "Image" || subtype === "XML" || subtype === "Type1C" || subtype === "CIDFontType0C")
    return false;
  if (subtype === "OpenType" || type === "XRef" || type === "ObjStm" || type === "Metadata") return false;
  return !(dict.has("Length1") || dict.has("Length2") || type === "EmbeddedFile");
}

/** Budgets that a dictionary states for itself: image dimensions and sampled-function tables. */
function checkDictionaries(file: PdfFile, value: PdfObject | undefined, depth: number): void {
  if (depth > BUDGETS.nesting) return;
  const dict = value instanceof PdfStream ? value.dict : value instanceof PdfDict ? value : null;
  if (Array.isArray(value)) {
    for (const item of value) checkDictionaries(file, item, depth + 1);
    return;
  }
  if (!dict) return;
  const number = (key: string) => {
    const found = file.resolve(dict.get(key));
    return typeof found === "number" ? found : null;
  };
  const imageLike = dict.name("Subtype") === "Image" || (dict.has("Width") && dict.has("Height"));
  if (imageLike) checkImageSize(number("Width") ?? number("W"), number("Height") ?? number("H"));
  if (number("FunctionType") === 0) {
    const size = file.resolve(dict.get("Size"));
    const range = file.resolve(dict.get("Range"));
    const outputs = Array.isArray(range) ? range.length / 2 : 1;
    const samples = Array.isArray(size)
      ? size.reduce<number>((product, n) => product * (typeof n === "number" ? Math.max(1, n) : 1), outputs)
      : outputs;
    if (samples > BUDGETS.imagePixels)
      overBudget("a sampled function with more samples than any sheet needs");
  }
  for (const entry of dict.entries.values()) {
    if (!(entry instanceof PdfRef)) checkDictionaries(file, entry, depth + 1);
  }
}

function checkImageSize(width: number | null, height: number | null): void {
  if (width === null || height === null) return;
  if (width <= 0 || height <= 0 || !Number.isFinite(width) || !Number.isFinite(height))
    corrupt("an image without a size");
  if (width * height > BUDGETS.imagePixels) overBudget("an image larger than any sheet holds");
}

/** The page objects in document order, refusing loops and documents longer than the page budget. */
function pageLeaves(file: PdfFile): PdfDict[] {
  const root = file.resolve(file.trailer.get("Root"));
  if (!(root instanceof PdfDict)) return corrupt("no document catalog");
  const top = file.resolve(root.get("Pages"));
  if (!(top instanceof PdfDict)) return corrupt("no page tree");
  const leaves: PdfDict[] = [];
  const visiting = new Set<PdfDict>();
  const walk = (node: PdfDict, inherited: Inherited, depth: number) => {
    if (visiting.has(node)) corrupt("a page tree that contains itself");
    if (depth > BUDGETS.nesting) overBudget("a page tree nested too deeply");
    visiting.add(node);
    const here = inherit(node, inherited);
    const kids = file.resolve(node.get("Kids"));
    if (node.name("Type") === "Page" || (kids === undefined && node.name("Type") !== "Pages")) {
      if (leaves.length >= BUDGETS.pages) overBudget("more pages than the sheet search looks at");
      leaves.push(withInherited(node, here));
      return;
    }
    if (!Array.isArray(kids)) corrupt("a page tree node without kids");
    for (const kid of kids) {
      const child = file.resolve(kid);
      if (!(child instanceof PdfDict)) corrupt("a page tree kid that is not a dictionary");
      walk(child, here, depth + 1);
    }
  };
  walk(top, {}, 0);
  const count = file.resolve(top.get("Count"));
  if (typeof count !== "number" || count !== leaves.length)
    corrupt("a page count that disagrees with the pages");
  if (leaves.length === 0) corrupt("a document without pages");
  return leaves;
}

type Inherited = Partial<Record<"Resources" | "MediaBox" | "CropBox", PdfValue>>;

function inherit(node: PdfDict, inherited: Inherited): Inherited {
  const here = { ...inherited };
  for (const key of ["Resources", "MediaBox", "CropBox"] as const) {
    const value = node.get(key);
    if (value !== undefined) here[key] = value;
  }
  return here;
}

function withInherited(page: PdfDict, inherited: Inherited): PdfDict {
  const entries = new Map(page.entries);
  for (const [key, value] of Object.entries(inherited)) if (!entries.has(key)) entries.set(key, value);
  return new PdfDict(entries);
}

/** Walks what each page draws — its content, the forms it uses (at every use), fonts, annotations. */
class ContentCheck {
  /** operators and text operators of one form, forms inside it expanded */
  private readonly formCost = new Map<PdfStream, Cost>();
  private readonly inProgress = new Set<PdfStream>();
  private readonly fontsChecked = new Set<PdfObject>();

  constructor(
    private readonly file: PdfFile,
    private readonly decoded: Map<PdfStream, Uint8Array>,
  ) {}

  page(page: PdfDict): void {
    const box = this.file.resolve(page.get("MediaBox"));
    if (!Array.isArray(box) || box.length !== 4 || !box.every((n) => typeof n === "number"))
      corrupt("a page without a media box");
    const [x0, y0, x1, y1] = box as number[];
    if (Math.abs(x1! - x0!) > BUDGETS.pageSide || Math.abs(y1! - y0!) > BUDGETS.pageSide)
      overBudget("a page larger than PDF allows");
    const resources = this.dict(page.get("Resources"));
    const contents = this.file.deref(page.get("Contents"));
    const streams = Array.isArray(contents) ? contents.map((item) => this.file.deref(item)) : [contents];
    const parts: Uint8Array[] = [];
    for (const stream of streams) {
      if (stream === undefined || stream === null) continue;
      if (!(stream instanceof PdfStream)) corrupt("page contents that are not a stream");
      parts.push(this.bytesOf(stream), Uint8Array.of(0x0a));
    }
    let cost = this.cost(Buffer.concat(parts), resources, 0);
    for (const appearance of this.appearances(page)) cost = add(cost, this.form(appearance, resources, 0));
    if (cost.operators > BUDGETS.operators) overBudget("more drawing operators than a sheet ever has");
    if (cost.text > BUDGETS.textOperators || cost.textBytes > BUDGETS.textBytes)
      overBudget("more text than a sheet ever has");
  }

  private cost(data: Uint8Array, resources: PdfDict | null, depth: number) {
    const scan = scanContent(data);
    let total = { operators: scan.operators, text: scan.textOperators, textBytes: scan.textBytes };
    for (const image of scan.inlineImages) {
      const n = (key: string, alt: string) => {
        const value = image.get(key) ?? image.get(alt);
        return typeof value === "number" ? value : null;
      };
      checkImageSize(n("Width", "W"), n("Height", "H"));
    }
    const xobjects = this.dict(resources?.get("XObject"));
    for (const name of scan.drawn) {
      const target = this.file.deref(xobjects?.get(name));
      if (!(target instanceof PdfStream) || target.dict.name("Subtype") !== "Form") continue;
      total = add(total, this.form(target, resources, depth + 1));
      if (total.operators > BUDGETS.operators)
        overBudget("forms that expand to more operators than a sheet has");
    }
    const fonts = this.dict(resources?.get("Font"));
    for (const name of scan.fonts) total = add(total, this.font(this.file.deref(fonts?.get(name)), depth));
    return total;
  }

  private form(form: PdfStream, parentResources: PdfDict | null, depth: number) {
    if (depth > BUDGETS.formDepth) overBudget("forms nested too deeply");
    const known = this.formCost.get(form);
    if (known) return known;
    if (this.inProgress.has(form)) corrupt("a form that draws itself");
    this.inProgress.add(form);
    const own = this.dict(form.dict.get("Resources"));
    const cost = this.cost(this.bytesOf(form), own ?? parentResources, depth);
    this.inProgress.delete(form);
    this.formCost.set(form, cost);
    return cost;
  }

  /** Fonts: CMap ranges and Type 3 glyph procedures (content streams of their own); programs are capped like any stream. */
  private font(font: PdfObject | undefined, depth: number) {
    let total: Cost = { operators: 0, text: 0, textBytes: 0 };
    const dict = font instanceof PdfDict ? font : null;
    if (!dict || this.fontsChecked.has(dict)) return total;
    this.fontsChecked.add(dict);
    for (const key of ["ToUnicode", "Encoding"]) {
      const cmap = this.file.deref(dict.get(key));
      if (cmap instanceof PdfStream) checkCmapRanges(this.bytesOf(cmap));
    }
    const descendants = this.file.resolve(dict.get("DescendantFonts"));
    if (Array.isArray(descendants)) {
      for (const descendant of descendants)
        total = add(total, this.font(this.file.resolve(descendant), depth));
    }
    const procs = this.dict(dict.get("CharProcs"));
    if (procs) {
      const resources = this.dict(dict.get("Resources"));
      for (const proc of procs.entries.values()) {
        const stream = this.file.deref(proc);
        if (stream instanceof PdfStream) total = add(total, this.form(stream, resources, depth + 1));
      }
    }
    return total;
  }

  /** Annotation appearance streams: pdf.js draws them with the page when it lists its operators. */
  private appearances(page: PdfDict): PdfStream[] {
    const annots = this.file.resolve(page.get("Annots"));
    if (!Array.isArray(annots)) return [];
    const streams: PdfStream[] = [];
    for (const annot of annots) {
      const ap = this.dict(this.dict(annot)?.get("AP"));
      const normal = this.file.deref(ap?.get("N"));
      if (normal instanceof PdfStream) streams.push(normal);
      else if (normal instanceof PdfDict) {
        for (const state of normal.entries.values()) {
          const stream = this.file.deref(state);
          if (stream instanceof PdfStream) streams.push(stream);
        }
      }
    }
    return streams;
  }

  private dict(value: PdfValue | undefined): PdfDict | null {
    const resolved = this.file.resolve(value);
    return resolved instanceof PdfDict ? resolved : null;
  }

  private bytesOf(stream: PdfStream): Uint8Array {
    const kept = this.decoded.get(stream);
    if (kept) return kept;
    // a stream drawn although its dictionary says it is something else: decoded again (it was charged once)
    if (stream.dict.name("Subtype") === "Image") return corrupt("an image drawn as content");
    const fresh = { left: BUDGETS.streamBytes };
    return decodeStream(stream.dict, stream.raw, fresh, this.file.resolve, BUDGETS.streamBytes).data;
  }
}

/** What drawing something costs: operators, text-showing operators and the bytes they show. */
interface Cost {
  operators: number;
  text: number;
  textBytes: number;
}

const add = (a: Cost, b: Cost): Cost => ({
  operators: a.operators + b.operators,
  text: a.text + b.text,
  textBytes: a.textBytes + b.textBytes,
});
