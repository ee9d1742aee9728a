// Platform updates and their handling (app.processed_updates): started with a lease the handler renews,
// done when it finished. A redelivered update that is done is skipped; one whose handler died (its lease ran
// out) is handled again. Telegram long polling keeps the update itself here too (its payload), because
// fetching confirms it: a process that died mid-update leaves it here for the next one to resume.
import type { JSONValue, Sql } from "postgres";

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
    update app.processed_updates set done_at = now(), payload = null
    where platform = ${platform} and update_key = ${updateKey} and done_at is null`;
}

/**
 * Keeps fetched updates before they are confirmed to the platform, unclaimed (attempt 0, lease already over)
 * so the first handler claims attempt 1. One already known (a redelivery) is left as it is.
 */
export async function keepUpdates(
  sql: Sql,
  platform: string,
  updates: { updateKey: string; payload: JSONValue }[],
): Promise<void> {
  if (updates.length === 0) return;
  const rows = updates.map((u) => ({ update_key: u.updateKey, payload: u.payload }));
  await sql`
    insert into app.processed_updates (platform, update_key, lease_until, attempts, payload)
    select ${platform}, u.update_key, now() - interval '1 second', 0, u.payload
    from jsonb_to_recordset(${JSON.stringify(rows, withoutNul)}::jsonb) as u(update_key text, payload jsonb)
    on conflict (platform, update_key) do nothing`;
}

/** jsonb cannot hold U+0000, which a chat message may carry: it is dropped from every string. */
function withoutNul(_key: string, value: unknown): unknown {
  return typeof value === "string" && value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
}

/**
 * Kept updates not done, in the order they were sent (update keys of one bot are `<bot id>:<update id>`):
 * every one (`all`, after a restart: the ones still leased by a dead process hold their place), or only
 * those nobody is handling (never started, or their handler's lease ran out).
 */
export async function updatesToResume(
  sql: Sql,
  platform: string,
  keyPrefix: string,
  options: { all: boolean; limit: number },
): Promise<{ updateKey: string; payload: JSONValue }[]> {
  return sql<{ updateKey: string; payload: JSONValue }[]>`
    select update_key as "updateKey", payload from app.processed_updates
    where platform = ${platform} and done_at is null and payload is not null
      and (${options.all} or lease_until < now())
      and starts_with(update_key, ${keyPrefix})
    order by length(update_key), update_key
    limit ${options.limit}`;
}

/**
 * Forgets what no platform will deliver again: done updates after `keepDoneDays` (Telegram redelivers for at
 * most a day), and the kept text of updates nobody finished after `dropUnfinishedHours` (a bot whose token
 * changed never resumes them; the message is not kept longer than that).
 */
export async function forgetOldUpdates(
  sql: Sql,
  now: Date,
  keepDoneDays: number,
  dropUnfinishedHours: number,
): Promise<{ done: number; unfinished: number }> {
  const done = await sql`
    delete from app.processed_updates
    where done_at < ${now.toISOString()}::timestamptz - make_interval(days => ${keepDoneDays})`;
  const unfinished = await sql`
    update app.processed_updates set payload = null, done_at = ${now.toISOString()}::timestamptz
    where done_at is null and payload is not null
      and processed_at < ${now.toISOString()}::timestamptz - make_interval(hours => ${dropUnfinishedHours})`;
  return { done: done.count, unfinished: unfinished.count };
}
