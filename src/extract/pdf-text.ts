// pdf.js, inside a parse worker only: opens a file the pre-check passed and returns each page's text runs
// with their positions. Nothing here guesses: pdf.js is told to stop at errors instead of skipping what it
// cannot read, and a file it would have to repair is refused.
import { type ScanErrorCode, ScanRejectedError } from "../domain/scan-record.ts";
import type { PdfOps } from "./pdf-marks.ts";
import { BUDGETS } from "./pdf-structure/budgets.ts";
import type { TextItem } from "./text-item.ts";

/** Text runs per page, and characters in them: a sheet has a few hundred runs. */
export const MAX_TEXT_ITEMS = 20_000;
export const MAX_TEXT_CHARS = 1_000_000;

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
type LoadingTask = ReturnType<PdfJs["getDocument"]>;
type PdfDocument = Awaited<LoadingTask["promise"]>;
export type PdfPage = Awaited<ReturnType<PdfDocument["getPage"]>>;

let pdfjsPromise: Promise<PdfJs> | null = null;
let sharedWorker: InstanceType<PdfJs["PDFWorker"]> | undefined;
/** pdf.js reports a repair only as a log line: "Indexing all PDF objects", a skipped xref section. */
const REPAIR_MESSAGE = /Indexing all PDF objects|while reading XRef|XRefEntryException|XRefParseException/;
let repairsSeen = 0;

function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    listenForRepairs();
    const [pdfjs, worker] = await Promise.all([
      import("pdfjs-dist/legacy/build/pdf.mjs"),
      // Node has no web workers: pdf.js runs its worker code in this thread. Handing it the module up
      // front makes that setup synchronous instead of one more dynamic import per document.
      // @ts-expect-error the worker bundle ships without type declarations
      import("pdfjs-dist/legacy/build/pdf.worker.mjs"),
    ]);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    // one in-thread worker serves every document; destroying a document leaves the worker it was given
    sharedWorker = new pdfjs.PDFWorker({ verbosity: VERBOSITY });
    return pdfjs;
  })();
  pdfjsPromise.catch(() => {
    pdfjsPromise = null;
  });
  return pdfjsPromise;
}

/** pdf.js's own info level: the level at which it says that it skipped or re-indexed something. */
const VERBOSITY = 5;

/** pdf.js logs through console.warn ("Warning: …") and console.info ("Info: …"): read here, not printed. */
function listenForRepairs(): void {
  for (const level of ["warn", "info"] as const) {
    const print = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const first = typeof args[0] === "string" ? args[0] : "";
      if (!/^(?:Warning|Info): /.test(first)) print(...args);
      else if (REPAIR_MESSAGE.test(first)) repairsSeen++;
    };
  }
}

/** Loads pdf.js ahead of the first file so that file is read as fast as the rest. */
export async function warmUp(): Promise<void> {
  await loadPdfJs();
}

function rejected(code: ScanErrorCode): ScanRejectedError {
  return new ScanRejectedError(code);
}

export interface OpenPdf {
  pages: number;
  /** pdf.js's operator codes, for readers of the page's drawing (pdf-marks.ts) */
  ops: PdfOps;
  /** page `n` (from 1) as pdf.js has it, for readers of more than text */
  page(n: number): Promise<PdfPage>;
  /** the text runs of page `n` with their positions */
  text(n: number): Promise<TextItem[]>;
  close(): Promise<void>;
}

/** Opens a PDF the pre-check passed. Throws ScanRejectedError for what pdf.js cannot read as written. */
export async function openPdf(bytes: Uint8Array): Promise<OpenPdf> {
  const pdfjs = await loadPdfJs();
  const repairsBefore = repairsSeen;
  const task = pdfjs.getDocument({
    // a copy: pdf.js may take ownership of the buffer it is given, and it refuses Node's Buffer subclass
    data: new Uint8Array(bytes),
    worker: sharedWorker,
    verbosity: VERBOSITY,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    stopAtErrors: true,
    maxImageSize: BUDGETS.imagePixels,
  });
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    let result: T;
    try {
      result = await work();
    } catch (error) {
      throw toRejection(error);
    }
    if (repairsSeen !== repairsBefore) throw rejected("corrupt_pdf");
    return result;
  };
  let document: PdfDocument;
  try {
    document = await guard(() => task.promise);
  } catch (error) {
    await task.destroy().catch(() => {});
    throw error;
  }
  return {
    pages: document.numPages,
    ops: pdfjs.OPS,
    page: (n) => guard(() => document.getPage(n)),
    text: (n) => guard(async () => textItems(await document.getPage(n))),
    close: () => task.destroy().catch(() => {}),
  };
}

async function textItems(page: PdfPage): Promise<TextItem[]> {
  const content = await page.getTextContent();
  if (content.items.length > MAX_TEXT_ITEMS) throw rejected("too_large");
  const items: TextItem[] = [];
  let chars = 0;
  for (const item of content.items) {
    if (!("str" in item) || item.str.trim() === "") continue;
    chars += item.str.length;
    if (chars > MAX_TEXT_CHARS) throw rejected("too_large");
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform as number[];
    items.push({
      str: item.str,
      x,
      y,
      width: item.width,
      // the glyph height in user space: the scale part of the text matrix
      fontSize: Math.hypot(c, d) || Math.hypot(a, b) || item.height,
    });
  }
  return items;
}

function toRejection(error: unknown): ScanRejectedError {
  if (error instanceof ScanRejectedError) return error;
  const name = (error as { name?: string } | null)?.name;
  if (name === "PasswordException") return rejected("encrypted_pdf");
  if (error instanceof RangeError) return rejected("too_large");
  return rejected("corrupt_pdf");
}

/** The text runs of page 1 alone (for tools and tests that look at one page of a file already checked). */
export async function readFirstPageText(bytes: Uint8Array): Promise<TextItem[]> {
  const pdf = await openPdf(bytes);
  try {
    return await pdf.text(1);
  } finally {
    await pdf.close();
  }
}
