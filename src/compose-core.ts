// Builds the chat-free core — database, pipeline, use-cases — shared by src/main.ts and the `pump` CLI.
// Every outside part comes in as a port (use-cases/ports.ts): the extractor, the clock and the published
// signal; production and tests fill the same ports.
import { createPipeline } from "../pipeline/runner.ts";
import { chartRenderer } from "./charts/renderer.ts";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { cagedScanExtractor } from "./extract/scan-extractor.ts";
import type { Logger } from "./log.ts";
import { formatCsv } from "./sheets/csv.ts";
import { createIngestScan } from "./use-cases/ingest-scan.ts";
import { createPendingReplies } from "./use-cases/pending-replies.ts";
import type { BoardAsOf, Clock, PublishedPort, ScanExtractor } from "./use-cases/ports.ts";
import { reprocessAll } from "./use-cases/reprocess.ts";
import { createServices } from "./use-cases/services.ts";

export interface CorePorts {
  extractor: ScanExtractor;
  now: Clock;
  /**
   * gold changed for these members: the Sheet mirror's queue in the bot (src/jobs/). A CLI one-shot has
   * none; the bot's start-up sync catches up with what it changed.
   */
  published?: PublishedPort;
}

export interface CoreOptions {
  /**
   * A process that only reads (a `pump chart`, `pump summary`, status commands) skips the full start-up
   * catch-up and the parse worker's warm-up: models are rebuilt only if their SQL changed.
   */
  readOnly?: boolean;
  /** Serve while the start-up catch-up (and a rebuild of changed models) runs: the bot does. */
  catchUpInBackground?: boolean;
  /** No start-up catch-up at all: the command rebuilds every model itself (`transform --full-refresh`). */
  skipCatchUp?: boolean;
}

export type Core = Awaited<ReturnType<typeof buildCore>>;

/**
 * The production ports of a process without a job layer (the CLI): the extraction cage waits for room when
 * every worker is busy, so a backfill reads every file in turn.
 */
export function cliPorts(config: Pick<Config, "extractWorkers">, log: Logger): CorePorts {
  return {
    extractor: cagedScanExtractor({ log, whenFull: "wait", size: config.extractWorkers }),
    now: () => new Date(),
  };
}

export async function openCore(config: Config, log: Logger, options: CoreOptions = {}) {
  const database = await openDatabase(config, log);
  const ports = cliPorts(config, log);
  try {
    return await buildCore(database, config, log, ports, options);
  } catch (error) {
    await ports.extractor.close?.();
    await database.close();
    throw error;
  }
}

export async function buildCore(
  database: Database,
  config: Pick<Config, "defaultTimeZone"> & Partial<Pick<Config, "sheets">>,
  log: Logger,
  ports: CorePorts,
  options: CoreOptions = {},
) {
  const { sql } = database;
  const { extractor, now } = ports;
  const published = ports.published ?? (async () => {});
  const pipeline = createPipeline(sql);
  const runPipeline = (memberIds: number[], fullRefresh = false) =>
    pipeline.run({ memberIds, fullRefresh, now: now(), defaultTimeZone: config.defaultTimeZone });

  const runOptions = () => ({ now: now(), defaultTimeZone: config.defaultTimeZone });
  const refreshClock = (groupId: number) => pipeline.refreshClock(groupId, runOptions());

  // the first parse worker loads pdf.js on the other core while the models catch up
  const warming = options.readOnly ? null : extractor.warmUp();
  // Rebuild models whose SQL changed (beside the live tables) and publish what was appended to bronze
  // while no process ran (a crash between record and transform) — never a full refresh of unchanged models.
  const catchingUp = (
    options.skipCatchUp
      ? Promise.resolve()
      : options.readOnly
        ? pipeline.ensureCurrent(runOptions())
        : pipeline.catchUp(runOptions())
  ).then(
    () => {},
    (error) => log.error({ err: error }, "start-up catch-up of the models failed"),
  );
  // the bot serves while it runs; a CLI command waits for it (it reads what the models publish)
  if (!options.catchUpInBackground) await catchingUp;
  await warming;

  const { ingestScan, backfillScans } = createIngestScan({
    sql,
    log,
    extractor,
    runPipeline: (ids) => runPipeline(ids),
    published,
    now,
  });

  const reprocess = (onProgress?: (done: number) => void) =>
    reprocessAll({ sql, extractor, runPipeline, now }, onProgress);

  const charts = chartRenderer();
  const services = createServices({
    sql,
    log,
    charts,
    now,
    runPipeline: (ids) => runPipeline(ids),
    published,
    ingestScan,
    csv: formatCsv,
    defaultTimeZone: config.defaultTimeZone,
  });

  const boardAsOf: BoardAsOf = async ({ groupId, period, metric, at, scansBefore }) => {
    const rows = await pipeline.evaluate<{ member_id: string; rank: string; period: string; metric: string }>(
      "gold.leaderboard",
      { now: at, defaultTimeZone: config.defaultTimeZone, scansBefore, groupId },
    );
    return rows
      .filter((r) => r.period === period && r.metric === metric)
      .map((r) => ({ memberId: Number(r.member_id), rank: Number(r.rank) }));
  };
  const pendingReplies = createPendingReplies({ sql, log, charts, now, ingestScan });

  return {
    database,
    sql,
    log,
    config,
    defaultTimeZone: config.defaultTimeZone,
    pipeline,
    runPipeline,
    refreshClock,
    /** settles when the start-up catch-up is over */
    catchingUp,
    ingestScan,
    backfillScans,
    reprocess,
    charts,
    services,
    pendingReplies,
    boardAsOf,
    now,
    published,
    close: async () => {
      await catchingUp;
      await extractor.close?.();
      await database.close();
    },
  };
}
