// Platform updates and their handling (app.processed_updates): started with a lease the handler renews,
// done when it finished. A redelivered update that is done is skipped; one whose handler died (its lease ran
// out) is handled again.
import type { Sql } from "postgres";

/** True the first time this update key is seen on the platform; false for a redelivery. */
export async function firstDelivery(sql: Sql, platform: string, updateKey: string): Promise<boolean> {
  const rows = await sql`
    insert into app.processed_updates (platform, update_key, done_at) values (${platform}, ${updateKey}, now())
    on conflict do nothing returning 1`;
  return rows.length > 0;
}

export type UpdateClaim =
  /** this caller holds the lease now (first delivery, or the earlier handler's lease ran out) */
  | { state: "claimed"; attempt: number }
  | { state: "done" }
  /** another handler holds a live lease */
  | { state: "leased" };

/** Takes the update for `leaseMs` unless it is done or another handler's lease is still running. */
export async function claimUpdate(
  sql: Sql,
  platform: string,
  updateKey: string,
  leaseMs: number,
): Promise<UpdateClaim> {
  const [claimed] = await sql<{ attempts: number }[]>`
    insert into app.processed_updates (platform, update_key, lease_until)
    values (${platform}, ${updateKey}, now() + make_interval(secs => ${leaseMs / 1000}))
    on conflict (platform, update_key) do update
      set lease_until = excluded.lease_until, attempts = app.processed_updates.attempts + 1
      where app.processed_updates.done_at is null and app.processed_updates.lease_until < now()
    returning attempts`;
  if (claimed) return { state: "claimed", attempt: claimed.attempts };
  const [row] = await sql<{ done: boolean }[]>`
    select done_at is not null as done from app.processed_updates
    where platform = ${platform} and update_key = ${updateKey}`;
  return row?.done ? { state: "done" } : { state: "leased" };
}

/** The handler of this attempt is still at work: push its lease on (not a later attempt's). */
export async function renewUpdateLease(
  sql: Sql,
  platform: string,
  updateKey: string,
  attempt: number,
  leaseMs: number,
): Promise<void> {
  await sql`
    update app.processed_updates set lease_until = now() + make_interval(secs => ${leaseMs / 1000})
    where platform = ${platform} and update_key = ${updateKey} and done_at is null and attempts = ${attempt}`;
}

export async function finishUpdate(sql: Sql, platform: string, updateKey: string): Promise<void> {
  await sql`
    update app.processed_updates set done_at = now()
    where platform = ${platform} and update_key = ${updateKey} and done_at is null`;
}
