// Platform updates already handled (app.processed_updates): a redelivered update is handled once.
import type { Sql } from "postgres";

/** True the first time this update key is seen on the platform; false for a redelivery. */
export async function firstDelivery(sql: Sql, platform: string, updateKey: string): Promise<boolean> {
  const rows = await sql`
    insert into app.processed_updates (platform, update_key) values (${platform}, ${updateKey})
    on conflict do nothing returning 1`;
  return rows.length > 0;
}
