// `pump sheets:status` (read-only: queue, last sync, drift) and `pump sheets:resync` (sync now, here).
import type { Command } from "commander";
import { withCore, withReadOnlyCore } from "../core-context.ts";

/** The Sheet client and the job queue load only when a sheets command runs, not for `pump --help`. */
async function sheetModules() {
  const [mirror, sync, sheets, jobQueue, syncState] = await Promise.all([
    import("../../jobs/sheet-mirror.ts"),
    import("../../jobs/sheet-sync.ts"),
    import("../../sheets/index.ts"),
    import("../../db/queries/job-queue.ts"),
    import("../../db/queries/sheet-sync-state.ts"),
  ]);
  return { ...mirror, ...sync, ...sheets, ...jobQueue, ...syncState };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function registerSheetsCommands(program: Command): void {
  program
    .command("sheets:status")
    .description(
      "the Sheet mirror: queued/running/failed sync jobs, the last sync, and drift from the database",
    )
    .action(async () => {
      const {
        SHEET_SYNC_QUEUE,
        hasDrift,
        queueCounts,
        readSyncState,
        sheetDrift,
        sheetTarget,
        SheetPermanentError,
        SheetRetryableError,
      } = await sheetModules();
      const failed = await withReadOnlyCore(async (core) => {
        const config = core.config.sheets;
        if (!config) throw new Error("no Sheet target configured");
        const target = sheetTarget(config);
        console.log(`target: ${target.label}`);

        const q = await queueCounts(core.sql, SHEET_SYNC_QUEUE);
        console.log(
          `queue ${SHEET_SYNC_QUEUE}: ${q.created} waiting, ${q.retry} waiting to retry, ${q.active} running, ${q.failed} failed, ${q.completed} completed (kept by pg-boss)`,
        );

        const state = await readSyncState(core.sql, target.key);
        if (state?.lastSuccessAt) {
          console.log(
            `last sync: ${state.lastSuccessAt.toISOString()} (${state.lastReason ?? "?"}): ${plural(state.rows, "row")} in ${plural(state.tabs, "tab")}; ${state.appended} appended, ${state.updated} updated, ${state.deleted} deleted, ${state.writeRequests} write requests, ${state.durationMs} ms`,
          );
        } else {
          console.log("last sync: never");
        }
        if (state?.lastError) {
          console.log(`last error: ${state.lastErrorAt?.toISOString() ?? "?"}: ${state.lastError}`);
        }

        try {
          const sink = await target.open();
          const drift = await sheetDrift(core.sql, sink);
          let drifted = 0;
          for (const d of drift) {
            const parts = [
              d.exists ? null : "tab missing",
              d.missing.length > 0 ? `${d.missing.length} missing` : null,
              d.changed.length > 0 ? `${d.changed.length} changed` : null,
              d.extra.length > 0 ? `${d.extra.length} to delete` : null,
              d.outOfOrder ? "out of order" : null,
              d.exists && !d.headerOk ? "header differs" : null,
              d.unknownRowNumbers.length > 0
                ? `rows not written by the bot (left alone): ${d.unknownRowNumbers.join(", ")}`
                : null,
            ].filter((p): p is string => p !== null);
            if (hasDrift(d)) drifted++;
            console.log(`  tab "${d.tab}": ${parts.length > 0 ? parts.join("; ") : "in sync"}`);
          }
          console.log(
            drifted === 0
              ? `drift: none (${plural(drift.length, "tab")} checked)`
              : `drift: ${plural(drifted, "tab")} differ from the database; the next sync (or \`pump sheets:resync\`) repairs them`,
          );
        } catch (error) {
          if (error instanceof SheetPermanentError || error instanceof SheetRetryableError) {
            console.log(`drift: cannot read the Sheet: ${error.message}`);
            return true;
          }
          throw error;
        }
        return false;
      });
      if (failed) process.exitCode = 1;
    });

  program
    .command("sheets:resync")
    .description("make the Sheet equal the database now (rewrites changed rows, restores deleted ones)")
    .action(async () => {
      const { runSheetSync, sheetTarget, SheetPermanentError, SheetRetryableError } = await sheetModules();
      await withCore(async (core) => {
        const config = core.config.sheets;
        if (!config) throw new Error("no Sheet target configured");
        const target = sheetTarget(config);
        try {
          const s = await runSheetSync({ sql: core.sql, log: core.log, target }, "resync");
          console.log(
            `${target.label}: ${plural(s.rows, "row")} in ${plural(s.tabs, "tab")}; ${s.appended} appended, ${s.updated} updated, ${s.deleted} deleted, ${s.unchanged} unchanged (${plural(s.writeRequests, "write request")}, ${s.durationMs} ms)`,
          );
          if (s.emptied.length > 0)
            console.log(`emptied (no rows left): ${s.emptied.map((t) => `"${t}"`).join(", ")}`);
          for (const [tab, rows] of Object.entries(s.unknownRows)) {
            console.log(`tab "${tab}": rows not written by the bot, left alone: ${rows.join(", ")}`);
          }
        } catch (error) {
          if (error instanceof SheetPermanentError) {
            throw new Error(`the Sheet cannot be written until this is fixed: ${error.message}`);
          }
          if (error instanceof SheetRetryableError) {
            throw new Error(`the Sheet did not answer, try again later: ${error.message}`);
          }
          throw error;
        }
      });
    });
}
