// tesseract.js inside an OCR worker process: one recogniser, English LSTM data loaded from the
// @tesseract.js-data/eng package on disk (never downloaded), kept for the life of the worker.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createWorker, OEM, PSM, type Worker } from "tesseract.js";
import { type GrayImage, sharpOf } from "./gray-image.ts";

export interface OcrWord {
  text: string;
  /** 0–100 as tesseract reports it */
  confidence: number;

  box: { x0: number; y0: number; x1: number; y1: number };
  /** the word's characters, each with its own box (empty when tesseract gave none) */
  symbols?: { text: string; box: { x0: number; y0: number; x1: number; y1: number } }[];
}

export interface OcrLine {
  words: OcrWord[];
  /** the line's baseline, two points in pixels */
  baseline: { x0: number; y0: number; x1: number; y1: number };
}

const require = createRequire(import.meta.url);
/** the LSTM-only "best_int" model: a third of the size of the legacy+LSTM data, and the engine we run */
const LANG_PATH = join(dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0_best_int");

let recogniser: Promise<Worker> | null = null;

function engine(): Promise<Worker> {
  recogniser ??= (async () => {
    const worker = await createWorker("eng", OEM.LSTM_ONLY, {
      langPath: LANG_PATH,
      gzip: true,
      cacheMethod: "none",
    });
    await worker.setParameters({
      // the sheet is panels of scattered text, not paragraphs
      tessedit_pageseg_mode: PSM.SPARSE_TEXT,
      user_defined_dpi: "250",
    });
    return worker;
  })();
  recogniser.catch(() => {
    recogniser = null;
  });
  return recogniser;
}

/** Loads the recogniser ahead of the first image. */
export async function warmOcr(): Promise<void> {
  await engine();
}

/** The page's words, line by line. */
export async function recognise(image: GrayImage): Promise<OcrLine[]> {
  const worker = await engine();
  const png = await sharpOf(image).png({ compressionLevel: 1 }).toBuffer();
  const result = await worker.recognize(png, {}, { blocks: true, text: false });
  const lines: OcrLine[] = [];
  for (const block of result.data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        lines.push({
          baseline: line.baseline,
          words: line.words.map((word) => ({
            text: word.text,
            confidence: word.confidence,
            box: word.bbox,
            symbols: (word.symbols ?? []).map((symbol) => ({ text: symbol.text, box: symbol.bbox })),
          })),
        });
      }
    }
  }
  return lines;
}

/** How a crop is read again: as one line with tesseract's line finding, or as one raw line without it. */
export type FigureMode = "line" | "raw";

/**
 * One figure read again on its own, only with the characters of `alphabet` ("" for any). The page's
 * settings are restored after it.
 */
export async function recogniseFigure(
  image: GrayImage,
  alphabet = "0123456789.,%-",
  mode: FigureMode = "line",
): Promise<string> {
  const worker = await engine();
  const png = await sharpOf(image).png({ compressionLevel: 1 }).toBuffer();
  await worker.setParameters({
    tessedit_pageseg_mode: mode === "line" ? PSM.SINGLE_LINE : PSM.RAW_LINE,
    tessedit_char_whitelist: alphabet,
  });
  try {
    const result = await worker.recognize(png);
    return result.data.text.trim();
  } finally {
    await worker.setParameters({ tessedit_pageseg_mode: PSM.SPARSE_TEXT, tessedit_char_whitelist: "" });
  }
}
