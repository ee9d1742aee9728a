// A one-file extraction cage for CLI commands that read a file a person names (`pump parse`, `pump layout`):
// the file is read in a worker process with the same limits as a member's file in chat.
import type { ExtractorPool } from "../extract/cage/pool.ts";
import type { CagedExtractor } from "../extract/scan-extractor.ts";

export async function withCliCage<T>(work: (cage: ExtractorPool) => Promise<T>): Promise<T> {
  const { ExtractorPool } = await import("../extract/cage/pool.ts");
  const cage = new ExtractorPool({ size: 1, whenFull: "wait" });
  // the worker loads pdf.js while this process reads the file
  void cage.warmUp();
  try {
    return await work(cage);
  } finally {
    await cage.close();
  }
}

/** The extractor port as the bot has it (PDFs, and photos through the OCR worker), for one CLI command. */
export async function withCliExtractor<T>(work: (extractor: CagedExtractor) => Promise<T>): Promise<T> {
  const { cagedScanExtractor } = await import("../extract/scan-extractor.ts");
  const extractor = cagedScanExtractor({ size: 1, whenFull: "wait" });
  try {
    return await work(extractor);
  } finally {
    await extractor.close();
  }
}
