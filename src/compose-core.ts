// Builds the chat-free core — database, pipeline, use-cases — shared by src/main.ts and the `pump` CLI.
import { createPipeline } from "../pipeline/runner.ts";
import {
  initCharts,
  renderLeaderboardChart,
  renderProgressChart,
  renderSegmentChart,
  renderWeeklySummaryChart,
} from "./charts/index.ts";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import type { ScanRecord } from "./domain/scan-record.ts";
import { ExtractorPool } from "./extract/cage/pool.ts";
import { REJECTION_MESSAGES } from "./extract/messages.ts";
import { PARSER_VERSION } from "./extract/read-sheet.ts";
import type { Logger } from "./log.ts";
import { createIngestScan } from "./use-cases/ingest-scan.ts";
import type { ChartRenderer } from "./use-cases/ports.ts";
import { reprocessAll } from "./use-cases/reprocess.ts";
import { createServices } from "./use-cases/services.ts";

export interface CoreOptions {
  /** replaces the PDF extractor (tests feeding canonical records directly) */
  extract?: (bytes: Uint8Array) => Promise<ScanRecord>;
  /**
   * When every parse worker is busy and the queue is full: a chat refuses at once (ExtractorBusyError, the
   * file is read later); a CLI backfill waits for room.
   */
  whenExtractorBusy?: "reject" | "wait";
  parserVersion?: string;
  now?: () => Date;
  /**
   * A process that only reads (a `pump chart`, `pump summary`, status commands) skips the full start-up
   * refresh and the pdf.js warm-up: models are rebuilt only if their SQL changed.
   */
  readOnly?: boolean;
}

export type Core = Awaited<ReturnType<typeof buildCore>>;

export interface CoreHooks {
  /** rows of these members changed in gold (new scan, hidden, forgotten…); must not throw */
  membersChanged(memberIds: number[]): Promise<void>;
}

export async function openCore(config: Config, log: Logger, options: CoreOptions = {}) {
  const database = await openDatabase(config, log);
  try {
    return await buildCore(database, config, log, options);
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function buildCore(
  database: Database,
  config: Pick<Config, "defaultTimeZone"> & Partial<Pick<Config, "sheets" | "extractWorkers">>,
  log: Logger,
  options: CoreOptions = {},
) {
  const { sql } = database;
  const now = options.now ?? (() => new Date());
  const pipeline = createPipeline(sql);
  const runPipeline = (memberIds: number[], fullRefresh = false) =>
    pipeline.run({ memberIds, fullRefresh, now: now(), defaultTimeZone: config.defaultTimeZone });

  // pdf.js and the sheet reader run in child processes with hard limits, never in this one
  const cage = options.extract
    ? null
    : new ExtractorPool({
        log,
        whenFull: options.whenExtractorBusy ?? "reject",
        ...(config.extractWorkers ? { size: config.extractWorkers } : {}),
      });
  // the first worker loads pdf.js on the other core while the models catch up
  const warming = cage && !options.readOnly ? cage.warmUp() : null;
  // catch up with anything appended to bronze while the process was down, and with changed models
  await runPipeline([], !options.readOnly).catch((error) =>
    log.error({ err: error }, "start-up refresh of the models failed"),
  );
  await warming;

  // set by the job layer once it runs (Sheet mirror); a no-op for CLI one-shots and tests without jobs
  const hooks: CoreHooks = { membersChanged: async () => {} };

  const parserVersion = options.parserVersion ?? PARSER_VERSION;
  const extract =
    options.extract ?? ((bytes: Uint8Array, context: { key: string }) => cage!.extract(bytes, context));
  const { ingestScan, backfillScans } = createIngestScan({
    sql,
    log,
    extract,
    parserVersion,
    runPipeline: (ids) => runPipeline(ids),
    onPublished: (memberId) => hooks.membersChanged([memberId]),
    rejectionMessage: (code) => REJECTION_MESSAGES[code],
  });

  const reprocess = (onProgress?: (done: number) => void) =>
    reprocessAll({ sql, extract, parserVersion, runPipeline }, onProgress);

  const charts: ChartRenderer = {
    progress: renderProgressChart,
    leaderboard: renderLeaderboardChart,
    segments: renderSegmentChart,
    weeklySummary: renderWeeklySummaryChart,
  };
  initCharts();

  const services = createServices({
    sql,
    log,
    charts,
    ingestScan,
    runPipeline,
    now,
    onMembersChanged: (ids) => hooks.membersChanged(ids),
  });

  return {
    database,
    sql,
    log,
    config,
    pipeline,
    runPipeline,
    ingestScan,
    backfillScans,
    reprocess,
    charts,
    services,
    hooks,
    now,
    close: async () => {
      await cage?.close();
      await database.close();
    },
  };
}
