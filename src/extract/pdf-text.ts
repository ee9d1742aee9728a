import { type ScanErrorCode, ScanRejectedError } from "../domain/scan-record.ts";
import type { TextItem } from "./text-item.ts";

/**
 * Limits. An Evolt 360 sheet is a one-page PDF of well under 1 MB.
 * - 20 MB: the Telegram Bot API does not hand bots larger files anyway, and pdf.js holds the whole file in
 *   memory.
 * - 3 pages: one page is read; a couple more are tolerated for an app that appends a notes page, while a
 *   long document is certainly not a scan sheet and would cost time to open.
 * - 10 s per file (callers may lower it): a file that takes longer is malformed or hostile, and a chat
 *   reply must not wait on it.
 */
export const MAX_PDF_BYTES = 20 * 1024 * 1024;
export const MAX_PDF_PAGES = 3;
export const DEFAULT_TIMEOUT_MS = 10_000;

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsPromise: Promise<PdfJs> | null = null;
let sharedWorker: InstanceType<PdfJs["PDFWorker"]> | undefined;

/** pdf.js costs ~0.2 s to import; do it once per process, on first use or at start via warmUp(). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const [pdfjs, worker] = await Promise.all([
      import("pdfjs-dist/legacy/build/pdf.mjs"),
      // Node has no web workers: pdf.js runs its worker code in this thread. Handing it the module up
      // front makes that setup synchronous instead of one more dynamic import per document.
      // @ts-expect-error the worker bundle ships without type declarations
      import("pdfjs-dist/legacy/build/pdf.worker.mjs"),
    ]);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    // One in-thread worker serves every document; destroying a document leaves a worker it was given.
    sharedWorker = new pdfjs.PDFWorker({ verbosity: 0 });
    return pdfjs;
  })();
  pdfjsPromise.catch(() => {
    pdfjsPromise = null;
  });
  return pdfjsPromise;
}

/** Loads pdf.js ahead of the first scan so that scan is answered as fast as the rest. */
export async function warmUp(): Promise<void> {
  await loadPdfJs();
}

export interface ReadOptions {
  timeoutMs?: number;
}

function rejected(code: ScanErrorCode): ScanRejectedError {
  return new ScanRejectedError(code);
}

/** `%PDF-` must appear near the start; a few producers put junk bytes before it, so allow 1 KiB. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString(
    "latin1",
  );
  return head.includes("%PDF-");
}

/** The text runs of page 1 with their positions, or a ScanRejectedError for a file that is not readable. */
export async function readFirstPageText(bytes: Uint8Array, options: ReadOptions = {}): Promise<TextItem[]> {
  if (bytes.byteLength > MAX_PDF_BYTES) throw rejected("too_large");
  if (!looksLikePdf(bytes)) throw rejected("not_pdf");
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js may take ownership of the buffer it is given; the caller keeps theirs.
    data: bytes.slice(),
    worker: sharedWorker,
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    stopAtErrors: false,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(rejected("corrupt_pdf")), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([readItems(task), timeout]);
  } catch (error) {
    throw toRejection(error);
  } finally {
    clearTimeout(timer);
    // Frees the document and its in-thread worker in every path, including a timeout mid-parse.
    await task.destroy().catch(() => {});
  }
}

type LoadingTask = ReturnType<PdfJs["getDocument"]>;

async function readItems(task: LoadingTask): Promise<TextItem[]> {
  const document = await task.promise;
  if (document.numPages > MAX_PDF_PAGES) throw rejected("too_large");
  const page = await document.getPage(1);
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const item of content.items) {
    if (!("str" in item) || item.str.trim() === "") continue;
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
  return rejected("corrupt_pdf");
}
