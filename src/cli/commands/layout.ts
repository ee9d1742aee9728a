import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { rejectionLine } from "../../../bot/replies/rejections.ts";
import { ScanRejectedError } from "../../domain/scan-record.ts";
import { formatLayout } from "../../extract/layout-dump.ts";
import { withCliCage } from "../cli-cage.ts";
import { readInputFile } from "./read-file.ts";

/**
 * `pump layout <file.pdf> [--anonymize] [--out layout.json]`: every text item, drawn mark and box of the
 * sheet's page with position and size, as JSON (docs/unread-sheets.md). `--anonymize` turns every digit
 * into 9 and the printed name into NAME, so a gym can send the layout of a sheet we cannot read.
 */
export function registerLayoutCommand(program: Command): void {
  program
    .command("layout")
    .description("write a sheet's text items and marks with positions (--anonymize: no values, no name)")
    .argument("<file>", "the scan PDF")
    .option("--anonymize", "digits become 9 and the printed name NAME")
    .option("--out <file>", "write the layout here instead of stdout")
    .action((file: string, options: { anonymize?: boolean; out?: string }) =>
      withCliCage(async (cage) => {
        const bytes = await readInputFile(file);
        if (!bytes) return;
        try {
          const dump = await cage.run("layout", bytes, { args: { anonymize: options.anonymize ?? false } });
          const json = formatLayout(dump);
          if (options.out) await writeFile(options.out, json);
          else process.stdout.write(json);
          if (options.anonymize && dump.name === "not found")
            process.stderr.write("note: no printed name was found; check the file before sending it\n");
        } catch (error) {
          if (!(error instanceof ScanRejectedError)) throw error;
          process.stderr.write(`${rejectionLine(error.code)}\n`);
          process.exitCode = 2;
        }
      }),
    );
}
