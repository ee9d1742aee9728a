import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { ScanRejectedError } from "../../domain/scan-record.ts";

/** Exit code for a file that cannot be read as a scan (scan-format.md). */
const REJECTED_EXIT_CODE = 2;

/**
 * `pump parse <file.pdf>`: the canonical record as JSON (2-space indent) on stdout, exit 0; or exactly one
 * line `error: <code>: <message>` on stderr, exit 2. A path that cannot be read at all is a usage error
 * (exit 1), not a verdict on a scan. The file is read in the extraction cage like any member's file.
 */
export function registerParseCommand(program: Command): void {
  program
    .command("parse")
    .description("read an Evolt 360 scan PDF and print its record as JSON")
    .argument("<file>", "the scan PDF")
    .action(async (file: string) => {
      const { ExtractorPool } = await import("../../extract/cage/pool.ts");
      const cage = new ExtractorPool({ size: 1, whenFull: "wait" });
      // the worker loads pdf.js while this process reads the file
      void cage.warmUp();
      try {
        const bytes = await readInput(file);
        if (!bytes) return;
        const record = await cage.extract(bytes);
        process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
      } catch (error) {
        if (!(error instanceof ScanRejectedError)) throw error;
        process.stderr.write(`error: ${error.code}: ${error.message.replace(/\s*\n\s*/g, " ")}\n`);
        process.exitCode = REJECTED_EXIT_CODE;
      } finally {
        await cage.close();
      }
    });
}

async function readInput(file: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "cannot read it";
    process.stderr.write(`error: ${file}: ${reason}\n`);
    process.exitCode = 1;
    return null;
  }
}
