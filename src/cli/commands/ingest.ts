import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { findGroupByTitle, resolveGroup, resolveMember } from "../../db/queries/people.ts";
import { withCore } from "../core-context.ts";

async function collectPdfs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input);
    if (info.isDirectory()) {
      const entries = await readdir(input, { recursive: true });
      for (const entry of entries.sort()) {
        if (/\.pdf$/i.test(entry)) files.push(path.join(input, entry));
      }
    } else {
      files.push(input);
    }
  }
  return files;
}

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .description("backfill scan PDFs (files or folders) for one member")
    .argument("<paths...>", "PDF files or folders holding them")
    .requiredOption("--member <name>", "the member the scans belong to (created if new)")
    .option("--group <name>", "a group to add the member to (created if new)")
    .action(async (paths: string[], options: { member: string; group?: string }) => {
      const files = await collectPdfs(paths);
      if (files.length === 0) {
        console.error("error: no PDF files found");
        process.exitCode = 2;
        return;
      }
      await withCore(async (core) => {
        const member = await resolveMember(core.sql, {
          platform: "cli",
          userId: options.member.toLowerCase(),
          displayName: options.member,
        });
        const group = options.group
          ? ((await findGroupByTitle(core.sql, options.group)) ??
            (await resolveGroup(
              core.sql,
              { platform: "cli", chatId: options.group.toLowerCase(), title: options.group },
              core.now(),
            )))
          : null;
        const counts = { accepted: 0, duplicates: 0, rejected: {} as Record<string, number> };
        const bar = new SingleBar({
          format: "ingesting [{bar}] {value}/{total} files",
          hideCursor: true,
          noTTYOutput: false,
        });
        if (process.stderr.isTTY) bar.start(files.length, 0);
        let photoReads = 0;
        async function* inputs() {
          for (const file of files) {
            yield {
              bytes: new Uint8Array(await readFile(file)),
              fileName: path.basename(file),
              mimeType: "application/pdf",
              platform: "cli",
              memberId: member.id,
              groupId: group?.id ?? null,
            };
          }
        }
        await core.backfillScans(inputs(), (outcome) => {
          if (outcome.kind === "recorded") counts.accepted++;
          else if (outcome.kind === "duplicate") counts.duplicates++;
          else if (outcome.kind === "needs_confirmation") photoReads++;
          else counts.rejected[outcome.code] = (counts.rejected[outcome.code] ?? 0) + 1;
          if (process.stderr.isTTY) bar.increment();
        });
        if (process.stderr.isTTY) bar.stop();
        const rejected = Object.entries(counts.rejected);
        const rejectedText =
          rejected.length === 0
            ? "0 rejected"
            : `${rejected.reduce((n, [, c]) => n + c, 0)} rejected (${rejected.map(([code, c]) => `${code}: ${c}`).join(", ")})`;
        // a photo's values are only saved once the member confirmed them, in chat
        const photosText =
          photoReads > 0 ? `, ${photoReads} photos not saved (send them in chat to confirm)` : "";
        console.log(
          `${files.length} files: ${counts.accepted} accepted, ${counts.duplicates} duplicates, ${rejectedText}${photosText}`,
        );
      });
    });
}
