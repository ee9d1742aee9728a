// Weekly summaries and rescan reminders: who to tell, and the once-only claims that make a post happen at
// most once per group and week (and per member and due period) whatever restarts or instances.
import type { Sql } from "postgres";
import type { GoalMetric } from "../../domain/metrics.ts";

export interface SummaryMember {
  memberId: number;
  name: string;
  /** printed time of the member's latest scan before the window end, "YYYY-MM-DDTHH:MM" */
  lastScanAt: string | null;
}

/** Visible members of a group (hidden ones stay out of group summaries), with their last scan before `before`. */
export async function visibleMembers(sql: Sql, groupId: number, before: string): Promise<SummaryMember[]> {
  return sql<SummaryMember[]>`
    select m.id::int as "memberId", m.display_name as name,
           (select to_char(max(s.scanned_at), 'YYYY-MM-DD"T"HH24:MI') from silver.scans s
             where s.member_id = m.id and s.scanned_at < ${before}::timestamp) as "lastScanAt"
    from app.memberships ms join app.members m on m.id = ms.member_id
    where ms.group_id = ${groupId} and not ms.hidden
    order by m.display_name, m.id`;
}

/** Goals whose first reaching scan lies in [from, to). */
export async function goalsReachedBetween(
  sql: Sql,
  memberIds: number[],
  from: string,
  to: string,
): Promise<{ memberId: number; metric: GoalMetric }[]> {
  if (memberIds.length === 0) return [];
  return sql<{ memberId: number; metric: GoalMetric }[]>`
    select member_id::int as "memberId", metric from gold.goal_status
    where member_id = any(${memberIds}::bigint[]) and reached_at >= ${from}::timestamp and reached_at < ${to}::timestamp
    order by member_id, metric`;
}

export interface ShownRanks {
  metric: string;
  period: string;
  /** member id → rank shown */
  ranks: Record<string, number>;
}

/** The ranks shown in the group's latest summary before this week (for leaderboard movers). */
export async function previousRanks(
  sql: Sql,
  groupId: number,
  weekStart: string,
): Promise<ShownRanks | null> {
  const [row] = await sql<{ ranks: ShownRanks }[]>`
    select ranks from app.summaries_sent
    where group_id = ${groupId} and week_start < ${weekStart}::date and ranks is not null
    order by week_start desc limit 1`;
  return row?.ranks ?? null;
}

export type SummaryStatus = "claimed" | "sent" | "failed" | "unreachable";

export interface SummaryClaim {
  groupId: number;
  weekStart: string;
  scheduledFor: Date;
  late: boolean;
  ranks: ShownRanks | null;
}

/**
 * Claims the group's week. Exactly one caller gets true, however many instances or retries race for it;
 * the claim is committed before anything is posted (at most once).
 */
export async function claimSummary(sql: Sql, claim: SummaryClaim, now: Date): Promise<boolean> {
  const rows = await sql`
    insert into app.summaries_sent (group_id, week_start, sent_at, late, status, scheduled_for, ranks)
    values (${claim.groupId}, ${claim.weekStart}::date, ${now.toISOString()}::timestamptz, ${claim.late}, 'claimed',
            ${claim.scheduledFor.toISOString()}::timestamptz,
            ${claim.ranks ? JSON.stringify(claim.ranks) : null}::jsonb)
    on conflict (group_id, week_start) do nothing
    returning 1`;
  return rows.length > 0;
}

export async function markSummary(
  sql: Sql,
  groupId: number,
  weekStart: string,
  status: Exclude<SummaryStatus, "claimed">,
  now: Date,
  error: string | null = null,
): Promise<void> {
  await sql`
    update app.summaries_sent set status = ${status}, sent_at = ${now.toISOString()}::timestamptz, error = ${error}
    where group_id = ${groupId} and week_start = ${weekStart}::date`;
}

export interface SummaryRecord {
  weekStart: string;
  status: SummaryStatus;
  late: boolean;
  sentAt: Date;
  scheduledFor: Date | null;
  error: string | null;
}

export async function summaryRecord(
  sql: Sql,
  groupId: number,
  weekStart: string,
): Promise<SummaryRecord | null> {
  // instants travel as epoch milliseconds: the connection hands timestamps over as text (db/client.ts)
  const [row] = await sql<
    (Omit<SummaryRecord, "sentAt" | "scheduledFor"> & { sentMs: number; scheduledMs: number | null })[]
  >`
    select to_char(week_start, 'YYYY-MM-DD') as "weekStart", status, late,
           extract(epoch from sent_at)::float8 * 1000 as "sentMs",
           extract(epoch from scheduled_for)::float8 * 1000 as "scheduledMs", error
    from app.summaries_sent where group_id = ${groupId} and week_start = ${weekStart}::date`;
  if (!row) return null;
  const { sentMs, scheduledMs, ...rest } = row;
  return {
    ...rest,
    sentAt: new Date(sentMs),
    scheduledFor: scheduledMs === null ? null : new Date(scheduledMs),
  };
}

/** Weeks of these groups already claimed (any status). */
export async function claimedWeeks(sql: Sql, groupIds: number[], weekStarts: string[]): Promise<Set<string>> {
  if (groupIds.length === 0) return new Set();
  const rows = await sql<{ key: string }[]>`
    select group_id::text || '/' || to_char(week_start, 'YYYY-MM-DD') as key from app.summaries_sent
    where group_id = any(${groupIds}::bigint[]) and to_char(week_start, 'YYYY-MM-DD') = any(${weekStarts}::text[])`;
  return new Set(rows.map((r) => r.key));
}

/** Claims left at "claimed" for longer than `olderThan`: the process died while sending. */
export async function staleSummaryClaims(
  sql: Sql,
  olderThan: Date,
): Promise<{ groupId: number; weekStart: string }[]> {
  return sql<{ groupId: number; weekStart: string }[]>`
    update app.summaries_sent set status = 'failed', error = 'interrupted while sending (not retried: it may have been posted)'
    where status = 'claimed' and sent_at < ${olderThan.toISOString()}::timestamptz
    returning group_id::int as "groupId", to_char(week_start, 'YYYY-MM-DD') as "weekStart"`;
}

export interface ReminderCandidate {
  memberId: number;
  /** printed time of the member's latest scan, "YYYY-MM-DDTHH:MM" */
  lastScanAt: string;
  /** the zone of the member's first group (lowest id), null when in none or it sets none */
  timeZone: string | null;
}

/** Members with reminders on and at least one scan, with the zone they are reminded in. */
export async function reminderCandidates(sql: Sql): Promise<ReminderCandidate[]> {
  return sql<ReminderCandidate[]>`
    select m.id::int as "memberId",
           to_char(last.scanned_at, 'YYYY-MM-DD"T"HH24:MI') as "lastScanAt",
           (select g.time_zone from app.memberships ms join app.groups g on g.id = ms.group_id
             where ms.member_id = m.id order by g.id limit 1) as "timeZone"
    from app.members m
    cross join lateral (select max(s.scanned_at) as scanned_at from silver.scans s where s.member_id = m.id) last
    where m.reminders_enabled and last.scanned_at is not null
    order by m.id`;
}

/**
 * Claims the reminder for this due period (member + the scan that started it). A period whose earlier
 * attempt found no private chat is claimed again once `retryBefore` has passed, up to `maxAttempts`.
 */
export async function claimReminder(
  sql: Sql,
  memberId: number,
  lastScanAt: string,
  now: Date,
  retryBefore: Date,
  maxAttempts: number,
): Promise<boolean> {
  const rows = await sql`
    insert into app.reminders_sent as r (member_id, last_scan_at, sent_at, status, attempts)
    values (${memberId}, ${lastScanAt}, ${now.toISOString()}::timestamptz, 'claimed', 1)
    on conflict (member_id, last_scan_at) do update
      set status = 'claimed', sent_at = excluded.sent_at, attempts = r.attempts + 1
      where r.status = 'unreachable' and r.sent_at < ${retryBefore.toISOString()}::timestamptz and r.attempts < ${maxAttempts}
    returning 1`;
  return rows.length > 0;
}

export async function markReminder(
  sql: Sql,
  memberId: number,
  lastScanAt: string,
  status: "sent" | "unreachable" | "failed",
  now: Date,
): Promise<void> {
  await sql`
    update app.reminders_sent set status = ${status}, sent_at = ${now.toISOString()}::timestamptz
    where member_id = ${memberId} and last_scan_at = ${lastScanAt}`;
}

export async function reminderRecords(
  sql: Sql,
  memberId: number,
): Promise<{ lastScanAt: string; status: string; attempts: number }[]> {
  return sql<{ lastScanAt: string; status: string; attempts: number }[]>`
    select last_scan_at as "lastScanAt", status, attempts from app.reminders_sent
    where member_id = ${memberId} order by last_scan_at`;
}

/** When each group was first seen: a summary scheduled before that is not owed. */
export async function groupsCreatedAt(sql: Sql): Promise<Map<number, Date>> {
  const rows = await sql<{ id: number; createdMs: number }[]>`
    select id::int, extract(epoch from created_at)::float8 * 1000 as "createdMs" from app.groups`;
  return new Map(rows.map((r) => [r.id, new Date(r.createdMs)]));
}
