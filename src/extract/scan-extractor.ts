// The use-cases' extractor port (use-cases/ports.ts) over the extraction cage: pdf.js and the sheet reader
// run in child processes with hard limits (src/extract/cage/), never in the process that asks.
import type { ScanExtractor } from "../use-cases/ports.ts";
import { ExtractorPool, type ExtractorPoolOptions } from "./cage/pool.ts";
import { PARSER_VERSION } from "./read-sheet.ts";

export type CagedExtractor = ScanExtractor & { readonly pool: ExtractorPool; close(): Promise<void> };

/**
 * `whenFull`: a chat refuses at once when every worker is busy and the queue is full (ExtractorBusyError; the
 * raw file is kept and read later), a CLI backfill waits for room.
 */
export function cagedScanExtractor(options: ExtractorPoolOptions = {}): CagedExtractor {
  const pool = new ExtractorPool(options);
  return {
    pool,
    parserVersion: PARSER_VERSION,
    warmUp: () => pool.warmUp(),
    extract: (bytes, context) => pool.extract(bytes, context),
    close: () => pool.close(),
  };
}
