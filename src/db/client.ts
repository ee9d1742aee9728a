// One driver (postgres.js) for every setup: an external DATABASE_URL or the embedded server in DATA_DIR.
import postgres, { type Sql } from "postgres";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import { postgresJsTarget } from "./connection-url.ts";
import { APPLICATION_NAME, type EmbeddedServer, startEmbeddedServer } from "./embedded-server.ts";
import { migrate } from "./migrate.ts";

/**
 * The database as the app uses it: one postgres.js handle. Queries live in src/db/queries/; the Drizzle
 * schema (schema.ts) only generates migrations.
 */
export interface Database {
  sql: Sql;
  /** libpq-style URL of the database (pg-boss and child processes use it). */
  url: string;
  close(): Promise<void>;
}

/** Dates, times and timestamps (and their arrays, and numeric[]): passed through as the server's text. */
const TEXT_TYPES = [1082, 1083, 1114, 1115, 1182, 1184, 1185, 1231];
const JSON_TYPES = [114, 3802];

export function connect(url: string, max = 10): { sql: Sql } {
  const target = postgresJsTarget(url);
  const sql = postgres(target.url, {
    ...target.options,
    max,
    onnotice: () => {},
    connection: { application_name: APPLICATION_NAME },
  });
  // The queries rely on these (a Drizzle wrapper used to set them as a side effect): a printed scan time
  // has no zone, so "2026-03-02 08:10:00" stays text instead of becoming a Date in the process's zone,
  // and json/jsonb parameters are JSON text the caller wrote (JSON.stringify), sent as they are.
  const asIs = (value: unknown) => value;
  for (const oid of TEXT_TYPES) {
    sql.options.parsers[oid] = asIs;
    sql.options.serializers[oid] = asIs;
  }
  for (const oid of JSON_TYPES) sql.options.serializers[oid] = asIs;
  return { sql };
}

export async function openDatabase(
  config: Pick<Config, "database">,
  log: Logger,
  options: { migrate?: boolean } = {},
): Promise<Database> {
  let server: EmbeddedServer | null = null;
  let url: string;
  if ("url" in config.database) {
    url = config.database.url;
  } else {
    const started = Date.now();
    server = await startEmbeddedServer(config.database.embedded.dataDir, (m) => log.info(m));
    log.info({ ms: Date.now() - started, socketDir: server.socketDir }, "embedded database ready");
    url = server.urlFor("postgres");
  }
  const { sql } = connect(url);
  try {
    await sql`select 1`;
    if (options.migrate !== false) await migrate(sql);
  } catch (error) {
    await sql.end({ timeout: 5 });
    await server?.stop();
    throw error;
  }
  return {
    sql,
    url,
    close: async () => {
      await sql.end({ timeout: 5 });
      await server?.stop();
    },
  };
}
