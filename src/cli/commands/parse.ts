import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { rejectionLine } from "../../../bot/replies/rejections.ts";
import { ScanRejectedError } from "../../domain/scan-record.ts";
import { extractScan } from "../../extract/extract-scan.ts";

/** Exit code for a file that cannot be read as a scan (scan-format.md). */
const REJECTED_EXIT_CODE = 2;

/**
 * `pump parse <file.pdf>`: the canonical record as JSON (2-space indent) on stdout, exit 0; or exactly one
 * line `error: <code>: <message>` on stderr, exit 2. A path that cannot be read at all is a usage error
 * (exit 1), not a verdict on a scan.
 */
export function registerParseCommand(program: Command): void {
  program
    .command("parse")
    .description("read an Evolt 360 scan PDF and print its record as JSON")
    .argument("<file>", "the scan PDF")
    .action(async (file: string) => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(file));
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "cannot read it";
        process.stderr.write(`error: ${file}: ${reason}\n`);
        process.exitCode = 1;
        return;
      }
      try {
        const record = await extractScan(bytes);
        process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
      } catch (error) {
        if (!(error instanceof ScanRejectedError)) throw error;
        process.stderr.write(`${rejectionLine(error.code)}\n`);
        process.exitCode = REJECTED_EXIT_CODE;
      }
    });
}
