// A photo, a screenshot or a page image of a PDF → the canonical record, by OCR, through the same
// label-anchored reader as a PDF's text (read-sheet.ts). Runs inside an OCR worker process only.
import { type ScanRecord, ScanRejectedError } from "../../domain/scan-record.ts";
import { type ReadTrace, readSheet } from "../read-sheet.ts";
import type { MassUnit } from "../units.ts";
import { consistencyWarnings } from "../validate.ts";
import { agreedFigure, cropWord, leadingFigure } from "./crop-word.ts";
import { mendDecimalPoints } from "./decimal-points.ts";
import { decodeImage } from "./decode-image.ts";
import { readGarbledFiguresAgain } from "./garbled-figures.ts";
import { type GrayImage, rotateQuarter } from "./gray-image.ts";
import { massUnitByArithmetic, printedMassUnit } from "./mass-unit.ts";
import { halfTurnsToUpright } from "./orientation.ts";
import { preparePage } from "./prepare-page.ts";
import { type ConfidenceOf, figuresInBrokenRelations, MIN_CONFIDENCE, settleImageRecord } from "./settle.ts";
import { type OcrLine, type OcrWord, recognise, recogniseFigure } from "./tesseract.ts";
import { mendUnits, type OcrPage, wordsToPage } from "./words-to-page.ts";

/**
 * Reader verdicts that mean "no sheet the right way up": the page is read again turned half round (when
 * orientation.ts could not tell which way up it is, or told wrong).
 */
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
  const first = await halfTurnsToUpright(page);
  for (const turns of [first, first + 2]) {
    const upright = rotateQuarter(page, turns);
    let lines = mendDecimalPoints(await recognise(upright), upright);
    let ocr = wordsToPage(lines, upright.width, upright.height);
    let trace: ReadTrace = { fields: {}, steps: [] };
    const reading: PageReading = { page: upright, lines, ocr, trace, read: null };
    try {
      let record = readSheet(ocr.content, trace, { source: "image" });
      // only on a sheet (a refused page costs no reads alone): garbled figures read again as digits
      const garbled = await readGarbledFiguresAgain(lines, upright);
      const rescued = garbled.rescued;
      if (rescued.size > 0) {
        lines = garbled.lines;
        ({ ocr, trace, record } = readLines(lines, upright));
        Object.assign(reading, { lines, ocr, trace });
      }
      const second = await readSecondTime(upright, ocr, trace, figuresInBrokenRelations(record));
      if (second.corrections.size > 0) {
        // figures two reads alone agree on instead of the page's: the sheet is read again with them
        lines = withCorrections(lines, second.corrections);
        ({ ocr, trace, record } = readLines(lines, upright));
        Object.assign(reading, { lines, ocr, trace });
      }
      // OCR lost the unit with the weight and the height: the sheet's arithmetic may still tell it
      if (printedMassUnit(trace) === null) {
        const unit = massUnitByArithmetic(record);
        if (unit !== null && unit !== record.units.mass) {
          ({ ocr, trace, record } = readLines(lines, upright, unit));
          Object.assign(reading, { ocr, trace });
        }
      }
      reading.read = structuredClone(record);
      const confidenceOf: ConfidenceOf = (_trace, field) =>
        second.confidence.get(field) ?? runOf(ocr, trace, field)?.confidence ?? null;
      reading.confidenceOf = confidenceOf;
      const fixedWords = new Set([...rescued, ...second.corrections.keys()]);
      const tentative = Object.keys(trace.fields).filter((field) => {
        const run = runOf(ocr, trace, field);
        return run !== null && [...fixedWords].some((word) => sameBox(word, run.word));
      });
      settleImageRecord(record, trace, confidenceOf, new Set(tentative));
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

/** The sheet read again from OCR lines with some words' figures changed (or its masses' unit proven). */
function readLines(lines: readonly OcrLine[], page: GrayImage, massUnit?: MassUnit) {
  const ocr = wordsToPage(lines, page.width, page.height);
  const trace: ReadTrace = { fields: {}, steps: [] };
  const options = { source: "image" as const, ...(massUnit ? { massUnit } : {}) };
  return { ocr, trace, record: readSheet(ocr.content, trace, options) };
}

const sameBox = (a: OcrWord, b: OcrWord) =>
  a.box.x0 === b.box.x0 && a.box.y0 === b.box.y0 && a.box.x1 === b.box.x1 && a.box.y1 === b.box.y1;

/** The lines with each corrected word's leading figure replaced (the rest of the word, `/ High`, kept). */
function withCorrections(lines: readonly OcrLine[], corrections: ReadonlyMap<OcrWord, string>): OcrLine[] {
  return lines.map((line) => ({
    ...line,
    words: line.words.map((word) => {
      const figure = corrections.get(word);
      const first = leadingFigure(word.text);
      return figure === undefined || first === null
        ? word
        : { ...word, text: word.text.replace(first, figure), confidence: 100 };
    }),
  }));
}

/** The OCR run a traced field's value starts with (the run at the value's position). */
function runOf(ocr: OcrPage, trace: ReadTrace, field: string): OcrPage["runs"][number] | null {
  const value = trace.fields[field]?.value;
  if (!value) return null;
  return ocr.runs.find((run) => Math.abs(run.x - value.x) < 0.02 && Math.abs(run.y - value.y) < 0.02) ?? null;
}

/** Figures tesseract was unsure of are read a second time at most this many per page (each ~0.1–0.3 s). */
const MAX_SECOND_READS = 24;

interface SecondReads {
  /** per traced field: 100 when a read alone gave the same figures, 0 when it did not */
  confidence: Map<string, number>;
  /** words whose figures the page's read got wrong: two reads alone agree on these instead */
  corrections: Map<OcrWord, string>;
}

/**
 * Figures read a second time alone (cropped, enlarged, as a single line of digits): those tesseract was
 * unsure of, those no relation of the sheet vouches for, and those in a relation the page's read breaks.
 * The same figures twice make a figure sure; other figures make it doubtful, unless both reads alone agree
 * with each other, which corrects it (settle.ts keeps a correction only where an exact relation holds).
 */
async function readSecondTime(
  page: GrayImage,
  ocr: OcrPage,
  trace: ReadTrace,
  suspects: ReadonlySet<string>,
): Promise<SecondReads> {
  const confidence = new Map<string, number>();
  const corrections = new Map<OcrWord, string>();
  const fields = Object.keys(trace.fields);
  // the suspects first: the budget is spent where a misread figure is known to be
  fields.sort((a, b) => Number(suspects.has(b)) - Number(suspects.has(a)));
  for (const field of fields) {
    if (confidence.size >= MAX_SECOND_READS) break;
    const run = runOf(ocr, trace, field);
    if (!run) continue;
    if (ALWAYS_READ_TWICE.has(field)) {
      // the whole run (`6 ft 1 in`, `34`, `206.0 lb`), read as it is: every figure in it must come out the same
      const first = figures(run.whole.text);
      const { agrees } = await readsAgain(page, run.whole, "", (again) => {
        const repeated = figures(again);
        return (
          first.length === repeated.length &&
          first.every((figure, i) => sameFigure(figure, repeated[i] ?? null))
        );
      });
      confidence.set(field, agrees ? 100 : 0);
      continue;
    }
    if (run.confidence >= MIN_CONFIDENCE && !UNVOUCHED.has(field) && !suspects.has(field)) continue;
    const first = leadingFigure(run.word.text);
    const { agrees, reads } = await readsAgain(page, run.word, undefined, (again) =>
      sameFigure(first, leadingFigure(again)),
    );
    confidence.set(field, agrees ? 100 : 0);
    const instead = agrees || UNVOUCHED.has(field) ? null : agreedCorrection(first, reads);
    if (instead !== null) {
      corrections.set(run.word, instead);
      confidence.set(field, 100);
    }
  }
  return { confidence, corrections };
}

/**
 * The figure both reads alone gave, when they agree with each other and not with the page's read; the
 * point where the page's read has it when the two lost theirs and kept its digits' count (settle.ts gives
 * a figure without its printed decimals back its point, or drops it).
 */
function agreedCorrection(first: string | null, reads: readonly string[]): string | null {
  const [line, raw] = reads.map(leadingFigure);
  const agreed = agreedFigure(line ?? null, raw ?? null);
  const digits = (figure: string) => figure.replace(/[.,]/g, "");
  if (first === null || agreed === null || digits(agreed) === digits(first)) return null;
  const decimals = /[.,](\d+)$/.exec(first)?.[1]?.length ?? 0;
  if (agreed.includes(".") || decimals === 0 || digits(first).length !== agreed.length) return agreed;
  return `${agreed.slice(0, agreed.length - decimals)}.${agreed.slice(-decimals)}`;
}

/**
 * Whether a read of the word alone agrees with the page's: read as a line, and when that disagrees as a
 * raw line, then as a line with white around it (each way misreads some crops the others read right: a
 * phantom `1` from the crop's edge, a short `44` taken for letters). Two reads of the same figures are
 * needed either way. `reads`: the line and raw reads.
 */
async function readsAgain(
  page: GrayImage,
  word: OcrWord,
  alphabet: string | undefined,
  agrees: (again: string) => boolean,
): Promise<{ agrees: boolean; reads: string[] }> {
  // a figure's word alone is cut before a slash glued to it; a whole run (`5ft7in`) is read whole
  const figureOnly = alphabet === undefined;
  const crop = await cropWord(page, word, { figureOnly });
  const reads: string[] = [];
  for (const mode of ["line", "raw"] as const) {
    const again = await recogniseFigure(crop, alphabet, mode);
    reads.push(again);
    if (agrees(again)) return { agrees: true, reads };
  }
  // a short figure cut close reads as fewer digits (`13` as `3`): last, the crop with white around it
  const padded = await recogniseFigure(
    await cropWord(page, word, { figureOnly, pad: WHITE_AROUND_PX }),
    alphabet,
    "line",
  );
  return { agrees: agrees(padded), reads };
}

/** White added around a crop for the last read of a figure the first two reads alone did not confirm. */
const WHITE_AROUND_PX = 10;

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
