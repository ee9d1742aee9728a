// The tasks of a parse worker: bytes → pre-check → pdf.js → the sheet reader → canonical record (or what
// every field was read from, or the page's layout). Runs inside a parse worker (src/extract/cage/);
// everything else reaches it through the cage.
import { type ScanRecord, ScanRejectedError } from "../domain/scan-record.ts";
import { type Explanation, explainSheet, refusedExplanation } from "./explain.ts";
import { describeLayout, type LayoutDump } from "./layout-dump.ts";
import type { PageContent } from "./page-content.ts";
import { pageMarks } from "./pdf-marks.ts";
import { precheckPdf } from "./pdf-precheck.ts";
import { type OpenPdf, openPdf } from "./pdf-text.ts";
import { needsDrawnMarks } from "./read-balance.ts";
import { readSheet } from "./read-sheet.ts";

export { MAX_PDF_BYTES } from "./pdf-precheck.ts";
export { warmUp } from "./pdf-text.ts";
export { PARSER_VERSION, readSheet } from "./read-sheet.ts";

/** A page as the reader reads it: text items, plus drawn marks and boxes when the text shows no mark glyph. */
async function pageContent(pdf: OpenPdf, n: number, allMarks = false): Promise<PageContent> {
  const items = await pdf.text(n);
  if (!allMarks && !needsDrawnMarks(items)) return { items };
  return { items, ...(await pageMarks(await pdf.page(n), pdf.ops)) };
}

/** Page 1 as the reader reads it, for tools and tests that look at one page (the bot reads in a worker). */
export function readFirstPage(bytes: Uint8Array): Promise<PageContent> {
  return withPdf(bytes, (pdf) => pageContent(pdf, 1));
}

/** Verdicts that say "this page is not the sheet": the next page is tried. */
const NOT_THIS_PAGE = new Set(["not_evolt_report", "no_text_layer"]);

async function withPdf<T>(bytes: Uint8Array, work: (pdf: OpenPdf) => Promise<T>): Promise<T> {
  precheckPdf(bytes);
  const pdf = await openPdf(bytes);
  try {
    return await work(pdf);
  } finally {
    await pdf.close();
  }
}

/**
 * Reads an Evolt 360 result sheet PDF into the canonical record (scan-format.md). The sheet may sit behind a
 * cover page: every page is tried in order (the pre-check bounds their number); pages without text, or with
 * text that is not an Evolt sheet, are passed over, and the first page that is a sheet decides (read, or
 * refused for its layout or its values). Throws ScanRejectedError with the verdict's code.
 */
export function extractScan(bytes: Uint8Array): Promise<ScanRecord> {
  return withPdf(bytes, async (pdf) => {
    let sawText = false;
    for (let n = 1; n <= pdf.pages; n++) {
      try {
        return readSheet(await pageContent(pdf, n));
      } catch (error) {
        if (!(error instanceof ScanRejectedError) || !NOT_THIS_PAGE.has(error.code)) throw error;
        if (error.code === "not_evolt_report") sawText = true;
      }
    }
    throw new ScanRejectedError(sawText ? "not_evolt_report" : "no_text_layer");
  });
}

/** What every field was read from, or which anchor or rule refused the file (`pump parse --explain`). */
export async function explainScan(bytes: Uint8Array): Promise<Explanation> {
  try {
    return await withPdf(bytes, async (pdf) => {
      let last: Explanation | null = null;
      for (let n = 1; n <= pdf.pages; n++) {
        const explanation = explainSheet(await pageContent(pdf, n));
        if (explanation.verdict === "read" || !NOT_THIS_PAGE.has(explanation.code ?? "")) {
          return pdf.pages > 1
            ? { ...explanation, steps: [`the sheet is page ${n}`, ...explanation.steps] }
            : explanation;
        }
        if (!last || explanation.code === "not_evolt_report") last = explanation;
      }
      return last!;
    });
  } catch (error) {
    if (!(error instanceof ScanRejectedError)) throw error;
    return refusedExplanation(
      error,
      `the PDF itself: ${error.code.replaceAll("_", " ")} (before any layout was read)`,
    );
  }
}

/**
 * Every text item, mark and box of the page the reader would read (the first page holding the sheet, else
 * page 1) for `pump layout`; anonymized: digits → 9, the printed name → NAME.
 */
export function layoutOfScan(bytes: Uint8Array, options: { anonymize?: boolean } = {}): Promise<LayoutDump> {
  return withPdf(bytes, async (pdf) => {
    let chosen: PageContent | null = null;
    for (let n = 1; n <= pdf.pages && !chosen; n++) {
      const content = await pageContent(pdf, n, true);
      try {
        readSheet(content);
        chosen = content;
      } catch (error) {
        if (!(error instanceof ScanRejectedError) || !NOT_THIS_PAGE.has(error.code)) chosen = content;
      }
    }
    return describeLayout(chosen ?? (await pageContent(pdf, 1, true)), {
      anonymize: options.anonymize ?? false,
    });
  });
}
