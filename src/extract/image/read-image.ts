// A photo, a screenshot or a page image of a PDF → the canonical record, by OCR, through the same
// label-anchored reader as a PDF's text (read-sheet.ts). Runs inside an OCR worker process only.
import { type ScanRecord, ScanRejectedError } from "../../domain/scan-record.ts";
import { type ReadTrace, readSheet } from "../read-sheet.ts";
import { consistencyWarnings } from "../validate.ts";
import { decodeImage } from "./decode-image.ts";
import { type GrayImage, rotateQuarter } from "./gray-image.ts";
import { preparePage } from "./prepare-page.ts";
import { type ConfidenceOf, settleImageRecord } from "./settle.ts";
import { recognise } from "./tesseract.ts";
import { type OcrPage, wordsToPage } from "./words-to-page.ts";

/** Reader verdicts that mean "no sheet the right way up": the page is read again turned half round. */
const NOT_A_SHEET = new Set(["no_text_layer", "not_evolt_report"]);

/** Reads an image file (PNG, JPEG, WebP, HEIC). Throws ScanRejectedError("unreadable_image") without a sheet. */
export async function readImage(bytes: Uint8Array): Promise<ScanRecord> {
  return readPageImage(await decodeImage(bytes));
}

/** Reads one decoded page image; "unreadable_image" when no Evolt sheet can be read on it. */
export async function readPageImage(image: GrayImage): Promise<ScanRecord> {
  const page = await preparePage(image);
  for (const turns of [0, 2]) {
    const upright = rotateQuarter(page, turns);
    const ocr = wordsToPage(await recognise(upright), upright.width, upright.height);
    const trace: ReadTrace = { fields: {}, steps: [] };
    try {
      const record = readSheet(ocr.content, trace, { source: "image" });
      settleImageRecord(record, trace, confidenceIn(ocr));
      record.warnings.push(...consistencyWarnings(record, record.units.mass));
      return record;
    } catch (error) {
      if (!(error instanceof ScanRejectedError)) throw error;
      if (!NOT_A_SHEET.has(error.code)) break;
    }
  }
  throw new ScanRejectedError("unreadable_image");
}

/** How sure OCR was of the figures a traced field's value starts with (the run at the value's position). */
function confidenceIn(ocr: OcrPage): ConfidenceOf {
  return (trace, field) => {
    const value = trace.fields[field]?.value;
    if (!value) return null;
    const run = ocr.runs.find(
      (candidate) => Math.abs(candidate.x - value.x) < 0.02 && Math.abs(candidate.y - value.y) < 0.02,
    );
    return run?.confidence ?? null;
  };
}
