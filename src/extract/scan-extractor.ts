// The use-cases' extractor port (use-cases/ports.ts) over the pdf.js reader of this folder.
import type { ScanExtractor } from "../use-cases/ports.ts";
import { extractScan, PARSER_VERSION, warmUp } from "./extract-scan.ts";

export const pdfScanExtractor: ScanExtractor = {
  parserVersion: PARSER_VERSION,
  warmUp,
  extract: (bytes) => extractScan(bytes),
};
