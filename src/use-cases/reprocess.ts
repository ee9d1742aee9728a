// Re-reads every stored raw file with the current parser: new bronze rows under the new parser version,
// then one full refresh of the models. Silver keeps the newest version per file, so each file stays one scan.
import type { Sql } from "postgres";
import { appendScanReport, rawFilesForReprocess } from "../db/queries/scans.ts";
import { ScanRejectedError } from "../domain/scan-record.ts";
import type { ScanExtractor } from "./ports.ts";

export interface ReprocessDeps {
  sql: Sql;
  extractor: ScanExtractor;
  runPipeline(memberIds: number[], fullRefresh: boolean): Promise<unknown>;
}

export interface ReprocessReport {
  files: number;
  accepted: number;
  rejected: Record<string, number>;
  /** already read by this parser version */
  unchanged: number;
}

export async function reprocessAll(
  deps: ReprocessDeps,
  onProgress?: (done: number) => void,
): Promise<ReprocessReport> {
  const report: ReprocessReport = { files: 0, accepted: 0, rejected: {}, unchanged: 0 };
  for await (const batch of rawFilesForReprocess(deps.sql)) {
    for (const file of batch) {
      report.files++;
      let outcome: Parameters<typeof appendScanReport>[1]["outcome"];
      try {
        const record = await deps.extractor.extract(new Uint8Array(file.bytes), {
          key: String(file.memberId),
        });
        // a photo scan holds what its member confirmed (their corrections included): a new read would undo them
        if (record.source === "image") {
          report.unchanged++;
          onProgress?.(report.files);
          continue;
        }
        outcome = { status: "accepted", record };
      } catch (error) {
        if (!(error instanceof ScanRejectedError)) throw error;
        outcome = { status: "rejected", errorCode: error.code };
      }
      const id = await appendScanReport(deps.sql, {
        sha256: file.sha256,
        parserVersion: deps.extractor.parserVersion,
        source: {
          memberId: file.memberId,
          platform: file.platform,
          chatId: file.chatId,
          messageId: file.messageId,
          groupId: file.groupId,
        },
        outcome,
      });
      if (id === null) report.unchanged++;
      else if (outcome.status === "accepted") report.accepted++;
      else report.rejected[outcome.errorCode] = (report.rejected[outcome.errorCode] ?? 0) + 1;
      onProgress?.(report.files);
    }
  }
  await deps.runPipeline([], true);
  return report;
}
