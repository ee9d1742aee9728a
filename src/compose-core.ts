// Builds the chat-free core — database, pipeline, use-cases — shared by src/main.ts and the `pump` CLI.
// Every outside part comes in as a port (use-cases/ports.ts): the extractor, the clock and the published
// signal; production and tests fill the same ports.
import { createPipeline } from "../pipeline/runner.ts";
import { chartRenderer } from "./charts/renderer.ts";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { cagedScanExtractor } from "./extract/scan-extractor.ts";
import type { Logger } from "./log.ts";
import { createIngestScan } from "./use-cases/ingest-scan.ts";
import type { Clock, PublishedPort, ScanExtractor } from "./use-cases/ports.ts";
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
   * refresh and the parse worker's warm-up: models are rebuilt only if their SQL changed.
   */
  readOnly?: boolean;
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

  // the first parse worker loads pdf.js on the other core while the models catch up
  const warming = options.readOnly ? null : extractor.warmUp();
  // catch up with anything appended to bronze while the process was down, and with changed models
  await runPipeline([], !options.readOnly).catch((error) =>
    log.error({ err: error }, "start-up refresh of the models failed"),
  );
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
    reprocessAll({ sql, extractor, runPipeline }, onProgress);

  const charts = chartRenderer();
  const services = createServices({
    sql,
    log,
    charts,
    now,
    runPipeline: (ids) => runPipeline(ids),
    published,
    ingestScan,
    defaultTimeZone: config.defaultTimeZone,
  });

  return {
    database,
    sql,
    log,
    config,
    defaultTimeZone: config.defaultTimeZone,
    pipeline,
    runPipeline,
    ingestScan,
    backfillScans,
    reprocess,
    charts,
    services,
    now,
    published,
    close: async () => {
      await extractor.close?.();
      await database.close();
    },
  };
}
