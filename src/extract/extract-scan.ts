import type { ScanRecord } from "../domain/scan-record.ts";
import type { PageContent } from "./page-content.ts";
import { readFirstPageMarks } from "./pdf-marks.ts";
import { type ReadOptions, readFirstPageText } from "./pdf-text.ts";
import { needsDrawnMarks } from "./read-balance.ts";
import { readSheet } from "./read-sheet.ts";

export { DEFAULT_TIMEOUT_MS, MAX_PDF_BYTES, MAX_PDF_PAGES, warmUp } from "./pdf-text.ts";
export { PARSER_VERSION, readSheet } from "./read-sheet.ts";

export type ExtractOptions = ReadOptions;

/** Page 1 as the reader reads it: text items, plus drawn marks and boxes when the text shows no mark glyph. */
export async function readFirstPage(bytes: Uint8Array, options: ExtractOptions = {}): Promise<PageContent> {
  const items = await readFirstPageText(bytes, options);
  if (!needsDrawnMarks(items)) return { items };
  return { items, ...(await readFirstPageMarks(bytes)) };
}

/**
 * Reads an Evolt 360 result sheet PDF into the canonical record (scan-format.md).
 * Throws ScanRejectedError with a code and a message for the member when the file cannot be read as a scan.
 */
export async function extractScan(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ScanRecord> {
  return readSheet(await readFirstPage(bytes, options));
}
