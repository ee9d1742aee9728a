// Deterministic budgets of the pre-check. They decide the verdict on hostile files before pdf.js runs and
// long before the cage's time or memory limits could fire, so the same bytes get the same code whatever the
// load. A real Evolt sheet uses a small fraction of each (a few KB of content, a few hundred text runs).
import { type ScanErrorCode, ScanRejectedError } from "../../domain/scan-record.ts";

export const BUDGETS = {
  /** bytes produced by decoding every stream of the file, all filters together */
  decodedBytes: 64 * 1024 * 1024,
  /** one stream that is not an image (content, font program, object stream…), decoded */
  streamBytes: 16 * 1024 * 1024,
  /** pixels of one image (an A4 page at 300 dpi; pdf.js decodes images to RGBA when it lists operators) */
  imagePixels: 9 * 1024 * 1024,
  /** arrays and dictionaries inside each other */
  nesting: 32,
  /** cross-reference sections (incremental updates) */
  xrefSections: 64,
  /** objects in the file */
  objects: 200_000,
  /** pages: the sheet is searched on every page, so a longer document is refused */
  pages: 4,
  /** content operators a page makes pdf.js run, forms expanded at every use */
  operators: 500_000,
  /** text-showing operators (Tj, TJ, ', ") per page, forms expanded */
  textOperators: 50_000,
  /** bytes of text those operators show per page, forms expanded */
  textBytes: 256 * 1024,
  /** q (save state) nesting, the limit PDF itself sets (ISO 32000-1, annex C) */
  saveDepth: 28,
  /** forms drawn inside forms */
  formDepth: 12,
  /** character codes a CMap maps through its ranges */
  cmapCodes: 262_144,
  /** page size in points (PDF's own limit: 200 inches) */
  pageSide: 14_400,
} as const;

/** The file is refused before pdf.js sees it; `reason` is for tests and logs and never quotes the file. */
export class PdfRefusal extends ScanRejectedError {
  constructor(
    code: ScanErrorCode,
    readonly reason: string,
  ) {
    super(code, reason);
  }
}

/** Structure that disagrees with itself: a reader would have to guess (repair) to go on. */
export function corrupt(reason: string): never {
  throw new PdfRefusal("corrupt_pdf", reason);
}

/** A budget ran out: a sheet is never this big or this deep. */
export function overBudget(reason: string): never {
  throw new PdfRefusal("too_large", reason);
}
