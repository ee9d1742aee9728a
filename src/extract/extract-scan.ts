import type { ScanRecord } from "../domain/scan-record.ts";
import { type ReadOptions, readFirstPageText } from "./pdf-text.ts";
import { readSheet } from "./read-sheet.ts";

export { DEFAULT_TIMEOUT_MS, MAX_PDF_BYTES, MAX_PDF_PAGES, warmUp } from "./pdf-text.ts";
export { PARSER_VERSION, readSheet } from "./read-sheet.ts";

export type ExtractOptions = ReadOptions;

/**
 * Reads an Evolt 360 result sheet PDF into the canonical record (scan-format.md).
 * Throws ScanRejectedError with the verdict's code when the file cannot be read as a scan.
 */
export async function extractScan(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ScanRecord> {
  const items = await readFirstPageText(bytes, options);
  return readSheet(items);
}
