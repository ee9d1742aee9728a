// The extract task of a parse worker: bytes → pre-check → pdf.js → the sheet reader → canonical record.
import { type ScanRecord, ScanRejectedError } from "../domain/scan-record.ts";
import { REJECTION_MESSAGES } from "./messages.ts";
import { precheckPdf } from "./pdf-precheck.ts";
import { type OpenPdf, openPdf } from "./pdf-text.ts";
import { readSheet } from "./read-sheet.ts";

export { MAX_PDF_BYTES } from "./pdf-precheck.ts";
export { warmUp } from "./pdf-text.ts";
export { PARSER_VERSION, readSheet } from "./read-sheet.ts";

/**
 * Reads an Evolt 360 result sheet PDF into the canonical record (scan-format.md).
 * Throws ScanRejectedError with a code and a message for the member when the file cannot be read as a scan.
 * Runs inside a parse worker (src/extract/cage/); everything else reaches it through the cage.
 */
export async function extractScan(bytes: Uint8Array): Promise<ScanRecord> {
  precheckPdf(bytes);
  const pdf = await openPdf(bytes);
  try {
    return await readFirstSheet(pdf);
  } finally {
    await pdf.close();
  }
}

/**
 * The sheet may sit behind a cover page: every page is tried in order (the pre-check bounds their number).
 * Pages without text, or with text that is not an Evolt sheet, are passed over; the first page that is a
 * sheet decides (read, or refused for its layout or its values).
 */
async function readFirstSheet(pdf: OpenPdf): Promise<ScanRecord> {
  let sawText = false;
  for (let page = 1; page <= pdf.pages; page++) {
    try {
      return readSheet(await pdf.text(page));
    } catch (error) {
      if (!(error instanceof ScanRejectedError)) throw error;
      if (error.code === "not_evolt_report") sawText = true;
      else if (error.code !== "no_text_layer") throw error;
    }
  }
  const code = sawText ? "not_evolt_report" : "no_text_layer";
  throw new ScanRejectedError(code, REJECTION_MESSAGES[code]);
}
