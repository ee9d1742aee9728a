// A photo, a screenshot or a page image of a PDF → the canonical record, by OCR, through the same
// label-anchored reader as a PDF's text (read-sheet.ts). Runs inside an OCR worker process only.
import { type ScanRecord, ScanRejectedError } from "../../domain/scan-record.ts";
import { type ReadTrace, readSheet } from "../read-sheet.ts";
import { consistencyWarnings } from "../validate.ts";
import { decodeImage } from "./decode-image.ts";
import { type GrayImage, rotateQuarter, sharpOf, toGray } from "./gray-image.ts";
import { preparePage } from "./prepare-page.ts";
import { type ConfidenceOf, MIN_CONFIDENCE, settleImageRecord } from "./settle.ts";
import { type OcrWord, recognise, recogniseFigure } from "./tesseract.ts";
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
      settleImageRecord(record, trace, await withSecondReads(upright, ocr, trace));
      record.warnings.push(...consistencyWarnings(record, record.units.mass));
      return record;
    } catch (error) {
      if (!(error instanceof ScanRejectedError)) throw error;
      if (!NOT_A_SHEET.has(error.code)) break;
    }
  }
  throw new ScanRejectedError("unreadable_image");
}

/** The OCR run a traced field's value starts with (the run at the value's position). */
function runOf(ocr: OcrPage, trace: ReadTrace, field: string): OcrPage["runs"][number] | null {
  const value = trace.fields[field]?.value;
  if (!value) return null;
  return ocr.runs.find((run) => Math.abs(run.x - value.x) < 0.02 && Math.abs(run.y - value.y) < 0.02) ?? null;
}

/** Figures tesseract was unsure of are read a second time at most this many per page (each ~0.1–0.3 s). */
const MAX_SECOND_READS = 24;

/**
 * How sure OCR was of each field's figures. One it was unsure of is read again alone (cropped, enlarged,
 * as a single line of digits): the same figures twice make it sure, other figures make it doubtful.
 */
async function withSecondReads(page: GrayImage, ocr: OcrPage, trace: ReadTrace): Promise<ConfidenceOf> {
  const second = new Map<string, number>();
  for (const field of Object.keys(trace.fields)) {
    if (second.size >= MAX_SECOND_READS) break;
    const run = runOf(ocr, trace, field);
    if (!run) continue;
    if (ALWAYS_READ_TWICE.has(field)) {
      // the whole run (`6 ft 1 in`, `34`, `206.0 lb`): every digit in it must come out the same
      const again = await recogniseFigure(await cropWord(page, run.whole), "0123456789.,ftinclbkg ");
      second.set(field, digits(again) === digits(run.whole.text) ? 100 : 0);
      continue;
    }
    if (run.confidence >= MIN_CONFIDENCE) continue;
    const again = leadingFigure(await recogniseFigure(await cropWord(page, run.word)));
    second.set(field, again !== null && again === leadingFigure(run.word.text) ? 100 : 0);
  }
  return (_trace, field) => second.get(field) ?? runOf(ocr, trace, field)?.confidence ?? null;
}

/**
 * Figures no relation of the sheet checks (height, age), or checks only within its rounding (the weight on
 * a lb sheet): read twice however sure tesseract was the first time.
 */
const ALWAYS_READ_TWICE = new Set(["header.height", "header.age", "header.weight"]);

const digits = (text: string) => text.replace(/\D/g, "");
const leadingFigure = (text: string) => /^-?\d[\d,]*(?:\.\d+)?/.exec(text.trim())?.[0] ?? null;

/** The word with a margin of half its height, enlarged twice (tesseract reads small digits better so). */
async function cropWord(page: GrayImage, word: OcrWord): Promise<GrayImage> {
  const margin = Math.round((word.box.y1 - word.box.y0) * 0.5) + 2;
  const left = Math.max(0, word.box.x0 - margin);
  const top = Math.max(0, word.box.y0 - margin);
  const width = Math.max(1, Math.min(page.width, word.box.x1 + margin) - left);
  const height = Math.max(1, Math.min(page.height, word.box.y1 + margin) - top);
  return toGray(
    sharpOf(page)
      .extract({ left, top, width, height })
      .resize({ width: width * 2, kernel: "lanczos3" }),
  );
}
