// A photo, a screenshot or a page image of a PDF → the canonical record, by OCR, through the same
// label-anchored reader as a PDF's text (read-sheet.ts). Runs inside an OCR worker process only.
import { type ScanRecord, ScanRejectedError } from "../../domain/scan-record.ts";
import { type ReadTrace, readSheet } from "../read-sheet.ts";
import { consistencyWarnings } from "../validate.ts";
import { mendDecimalPoints } from "./decimal-points.ts";
import { decodeImage } from "./decode-image.ts";
import { type GrayImage, rotateQuarter, sharpOf, toGray } from "./gray-image.ts";
import { preparePage } from "./prepare-page.ts";
import { type ConfidenceOf, MIN_CONFIDENCE, settleImageRecord } from "./settle.ts";
import { type OcrLine, type OcrWord, recognise, recogniseFigure } from "./tesseract.ts";
import { mendUnits, type OcrPage, wordsToPage } from "./words-to-page.ts";

/** Reader verdicts that mean "no sheet the right way up": the page is read again turned half round. */
const NOT_A_SHEET = new Set(["no_text_layer", "not_evolt_report"]);

/** Reads an image file (PNG, JPEG, WebP, HEIC). Throws ScanRejectedError("unreadable_image") without a sheet. */
export async function readImage(bytes: Uint8Array): Promise<ScanRecord> {
  return readPageImage(await decodeImage(bytes));
}

/** What one reading of a page saw, for bench/ocr-diagnose.ts (never logged: it holds body values). */
export interface PageReading {
  page: GrayImage;
  lines: OcrLine[];
  ocr: OcrPage;
  trace: ReadTrace;
  /** the reader's record before settling, null when the reader refused the page */
  read: ScanRecord | null;
  confidenceOf?: ConfidenceOf;
}

/** Reads one decoded page image; "unreadable_image" when no Evolt sheet can be read on it. */
export async function readPageImage(
  image: GrayImage,
  observe?: (reading: PageReading) => void,
): Promise<ScanRecord> {
  const page = await preparePage(image);
  for (const turns of [0, 2]) {
    const upright = rotateQuarter(page, turns);
    const lines = mendDecimalPoints(await recognise(upright), upright);
    const ocr = wordsToPage(lines, upright.width, upright.height);
    const trace: ReadTrace = { fields: {}, steps: [] };
    const reading: PageReading = { page: upright, lines, ocr, trace, read: null };
    try {
      const record = readSheet(ocr.content, trace, { source: "image" });
      reading.read = structuredClone(record);
      const confidenceOf = await withSecondReads(upright, ocr, trace);
      reading.confidenceOf = confidenceOf;
      settleImageRecord(record, trace, confidenceOf);
      record.warnings.push(...consistencyWarnings(record, record.units.mass));
      observe?.(reading);
      return record;
    } catch (error) {
      if (!(error instanceof ScanRejectedError)) throw error;
      observe?.(reading);
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
      // the whole run (`6 ft 1 in`, `34`, `206.0 lb`), read as it is: every figure in it must come out the same
      const first = figures(run.whole.text);
      const agrees = await readsAgain(page, run.whole, "", (again) => {
        const repeated = figures(again);
        return (
          first.length === repeated.length &&
          first.every((figure, i) => sameFigure(figure, repeated[i] ?? null))
        );
      });
      second.set(field, agrees ? 100 : 0);
      continue;
    }
    if (run.confidence >= MIN_CONFIDENCE && !UNVOUCHED.has(field)) continue;
    const first = leadingFigure(run.word.text);
    const agrees = await readsAgain(page, run.word, undefined, (again) =>
      sameFigure(first, leadingFigure(again)),
    );
    second.set(field, agrees ? 100 : 0);
  }
  return (_trace, field) => second.get(field) ?? runOf(ocr, trace, field)?.confidence ?? null;
}

/**
 * Whether a read of the word alone agrees with the page's: read as a line, and when that disagrees as a
 * raw line (each way misreads some crops the other reads right: a phantom `1` from the crop's edge, a
 * short `44` taken for letters). Two reads of the same figures are needed either way.
 */
async function readsAgain(
  page: GrayImage,
  word: OcrWord,
  alphabet: string | undefined,
  agrees: (again: string) => boolean,
): Promise<boolean> {
  const crop = await cropWord(page, word);
  for (const mode of ["line", "raw"] as const) {
    if (agrees(await recogniseFigure(crop, alphabet, mode))) return true;
  }
  return false;
}

/**
 * Figures no relation of the sheet checks (height, age), or checks only within its rounding (the weight on
 * a lb sheet): read twice however sure tesseract was the first time.
 */
const ALWAYS_READ_TWICE = new Set(["header.height", "header.age", "header.weight"]);

/**
 * Figures no exact relation of the sheet vouches for (only a share within a band, or a status and range):
 * a confident misread digit (45.7 for 45.1) would be shown, so each is read twice too.
 */
const UNVOUCHED = new Set([
  "skeletal_muscle_mass_kg",
  "visceral_fat_area_cm2",
  "visceral_fat_level",
  "bio_age",
  "bwi",
  "waist_to_hip_ratio",
  "abdominal_circumference_cm",
]);

/** The figures of a text, a pound sign read as `1b` or `Ib` left out: `147.3 1b` → `147.3`. */
const figures = (text: string): string[] =>
  mendUnits(text.trim())
    .replace(/(\d)\s+[1Il|]bs?\.?$/, "$1")
    .match(/\d+(?:[.,]\d+)?/g) ?? [];

/**
 * The second read agrees with the first: the same digits, and the decimal point where the first read has
 * it, or none (tesseract loses a point far more often than it invents one; a point elsewhere disagrees).
 */
function sameFigure(first: string | null, again: string | null): boolean {
  if (first === null || again === null) return false;
  return again === first || again === first.replace(/[.,]/g, "");
}
const leadingFigure = (text: string) => /^-?\d[\d,]*(?:\.\d+)?/.exec(text.trim())?.[0] ?? null;

/** Figures are read again at this height in pixels (tesseract reads text ~30 px high best). */
const FIGURE_HEIGHT_PX = 40;

/** The word with a margin of half its height beside it, scaled so its figures are FIGURE_HEIGHT_PX high. */
async function cropWord(page: GrayImage, word: OcrWord): Promise<GrayImage> {
  const box = textBox(word);
  const inked = Math.max(1, box.y1 - box.y0);
  // less room above and below than beside: a label sits just above a header value, a sliver of it reads as a 1
  const margin = Math.round(inked * 0.5) + 2;
  const rim = Math.round(inked * 0.3) + 2;
  const left = Math.max(0, box.x0 - margin);
  const top = Math.max(0, box.y0 - rim);
  const width = Math.max(1, Math.min(page.width, box.x1 + margin) - left);
  const height = Math.max(1, Math.min(page.height, box.y1 + rim) - top);
  return toGray(
    sharpOf(page)
      .extract({ left, top, width, height })
      .resize({
        width: Math.max(1, Math.round(width * Math.min(4, Math.max(1, FIGURE_HEIGHT_PX / inked)))),
        kernel: "lanczos3",
      }),
  );
}

/**
 * The word's box, its top and bottom where most of its letters and digits have theirs: tesseract's word
 * box sometimes reaches up to the label above or down to a ruled line, and a crop of two lines misreads.
 */
function textBox(word: OcrWord): OcrWord["box"] {
  const letters = (word.symbols ?? []).filter((symbol) => /^[\p{L}\d]$/u.test(symbol.text));
  if (letters.length < 2) return word.box;
  const middle = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] as number;
  const y0 = Math.max(word.box.y0, middle(letters.map((symbol) => symbol.box.y0)));
  const y1 = Math.min(word.box.y1, middle(letters.map((symbol) => symbol.box.y1)));
  return y1 - y0 < 4 ? word.box : { ...word.box, y0, y1 };
}
