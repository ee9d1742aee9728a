// The use-cases' extractor port (use-cases/ports.ts) over the extraction cage: pdf.js and the sheet reader
// run in child processes with hard limits (src/extract/cage/), never in the process that asks. Photos,
// screenshots and PDFs without a text layer go to a separate OCR pool (one worker with more memory), so a
// photo being read never holds up a PDF.

import { imageFormatOf } from "../domain/image-bytes.ts";
import { ScanRejectedError } from "../domain/scan-record.ts";
import type { ScanExtractor } from "../use-cases/ports.ts";
import { OCR_POOL } from "./cage/limits.ts";
import { ExtractorPool, type ExtractorPoolOptions } from "./cage/pool.ts";
import { PARSER_VERSION } from "./read-sheet.ts";

export type CagedExtractor = ScanExtractor & {
  readonly pool: ExtractorPool;
  readonly ocrPool: ExtractorPool;
  close(): Promise<void>;
};

/**
 * `whenFull`: a chat refuses at once when every worker is busy and the queue is full (ExtractorBusyError; the
 * raw file is kept and read later), a CLI backfill waits for room. `ocr` overrides the OCR pool's options.
 */
export function cagedScanExtractor(
  options: ExtractorPoolOptions = {},
  ocr: ExtractorPoolOptions = {},
): CagedExtractor {
  const pool = new ExtractorPool(options);
  const { size: _size, limits: _limits, ...shared } = options;
  const ocrPool = new ExtractorPool({ ...OCR_POOL, ...shared, ...ocr });
  return {
    pool,
    ocrPool,
    parserVersion: PARSER_VERSION,
    warmUp: () => pool.warmUp(),
    extract: async (bytes, context) => {
      if (imageFormatOf(bytes)) return ocrPool.run("ocr", bytes, context);
      try {
        return await pool.extract(bytes, context);
      } catch (error) {
        if (!(error instanceof ScanRejectedError) || error.code !== "no_text_layer") throw error;
        return ocrPool.run("ocr", bytes, context);
      }
    },
    close: async () => {
      await Promise.all([pool.close(), ocrPool.close()]);
    },
  };
}
