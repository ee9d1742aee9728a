import type { Command } from "commander";
import { rejectionLine } from "../../../bot/replies/rejections.ts";
import { type ScanErrorCode, ScanRejectedError } from "../../domain/scan-record.ts";
import { formatExplanation } from "../../extract/explain.ts";
import { withCliCage, withCliExtractor } from "../cli-cage.ts";
import { readInputFile } from "./read-file.ts";

/** Exit code for a file that cannot be read as a scan (scan-format.md). */
const REJECTED_EXIT_CODE = 2;

/**
 * `pump parse <file.pdf>`: the canonical record as JSON (2-space indent) on stdout, exit 0; or exactly one
 * line `error: <code>: <message>` on stderr, exit 2. A path that cannot be read at all is a usage error
 * (exit 1), not a verdict on a scan. With `--explain`, stdout says instead which label and value items
 * every field was read from (or which anchor or rule refused the sheet); the exit codes stay the same.
 * The file is read in the extraction cage like any member's file.
 */
export function registerParseCommand(program: Command): void {
  program
    .command("parse")
    .description("read an Evolt 360 scan (PDF, or a photo or screenshot of one) and print its record as JSON")
    .argument("<file>", "the scan PDF, or an image: PNG, JPEG, WebP, HEIC")
    .option("--explain", "print which items every field was read from, or why the sheet was refused")
    .action(async (file: string, options: { explain?: boolean }) => {
      if (options.explain) {
        await withCliCage(async (cage) => {
          const bytes = await readInputFile(file);
          if (!bytes) return;
          const explanation = await cage.run("explain", bytes);
          process.stdout.write(`file: ${file}\n${formatExplanation(explanation)}`);
          if (explanation.verdict === "refused") {
            process.stderr.write(`${rejectionLine(explanation.code as ScanErrorCode)}\n`);
            process.exitCode = REJECTED_EXIT_CODE;
          }
        });
        return;
      }
      await withCliExtractor(async (extractor) => {
        const bytes = await readInputFile(file);
        if (!bytes) return;
        try {
          const record = await extractor.extract(bytes, { key: "cli" });
          process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
        } catch (error) {
          if (!(error instanceof ScanRejectedError)) throw error;
          process.stderr.write(`${rejectionLine(error.code)}\n`);
          process.exitCode = REJECTED_EXIT_CODE;
        }
      });
    });
}
