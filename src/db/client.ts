// One driver (postgres.js) for every setup: an external DATABASE_URL or the embedded server in DATA_DIR.
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres, { type Sql } from "postgres";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import { postgresJsTarget } from "./connection-url.ts";
import { APPLICATION_NAME, type EmbeddedServer, startEmbeddedServer } from "./embedded-server.ts";
import { migrate } from "./migrate.ts";
import * as schema from "./schema.ts";

export type Db = PostgresJsDatabase<typeof schema>;

export interface Database {
  sql: Sql;
  db: Db;
  /** libpq-style URL of the database (pg-boss and child processes use it). */
  url: string;
  close(): Promise<void>;
}

export function connect(url: string, max = 10): { sql: Sql; db: Db } {
  const target = postgresJsTarget(url);
  const sql = postgres(target.url, {
    ...target.options,
    max,
    onnotice: () => {},
    connection: { application_name: APPLICATION_NAME },
  });
  return { sql, db: drizzle(sql, { schema }) };
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
  const { sql, db } = connect(url);
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
    db,
    url,
    close: async () => {
      await sql.end({ timeout: 5 });
      await server?.stop();
    },
  };
}
