import { type ScanRecord, ScanRejectedError } from "../domain/scan-record.ts";
import { type Explanation, explainSheet, refusedExplanation } from "./explain.ts";
import { describeLayout, type LayoutDump } from "./layout-dump.ts";
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
 * Throws ScanRejectedError with the verdict's code when the file cannot be read as a scan.
 */
export async function extractScan(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ScanRecord> {
  return readSheet(await readFirstPage(bytes, options));
}

/** What every field was read from, or which anchor or rule refused the file (`pump parse --explain`). */
export async function explainScan(bytes: Uint8Array, options: ExtractOptions = {}): Promise<Explanation> {
  let page: PageContent;
  try {
    page = await readFirstPage(bytes, options);
  } catch (error) {
    if (!(error instanceof ScanRejectedError)) throw error;
    return refusedExplanation(
      error,
      `the PDF itself: ${error.code.replaceAll("_", " ")} (before any layout was read)`,
    );
  }
  return explainSheet(page);
}

/** Every text item, mark and box of page 1 (`pump layout`); anonymized: digits → 9, the name → NAME. */
export async function layoutOfScan(
  bytes: Uint8Array,
  options: ExtractOptions & { anonymize?: boolean } = {},
): Promise<LayoutDump> {
  const items = await readFirstPageText(bytes, options);
  const drawn = await readFirstPageMarks(bytes);
  return describeLayout({ items, ...drawn }, { anonymize: options.anonymize ?? false });
}
