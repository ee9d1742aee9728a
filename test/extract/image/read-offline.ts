// Reads one image or image-only PDF by OCR in this process and prints the record as JSON (or `error: code`).
// The OCR test runs it with the network taken away (test/support/no-network.cjs).
import { readFileSync } from "node:fs";
import { ScanRejectedError } from "../../../src/domain/scan-record.ts";
import { readScanImage } from "../../../src/extract/image/read-scan-image.ts";

try {
  const record = await readScanImage(new Uint8Array(readFileSync(process.argv[2] as string)));
  process.stdout.write(JSON.stringify(record));
} catch (error) {
  if (!(error instanceof ScanRejectedError)) throw error;
  process.stdout.write(`error: ${error.code}`);
}
process.exit(0);
