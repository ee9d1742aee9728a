// Group challenges: the challenge rows, who entered, the board (gold.challenge_board), and the once-only
// claims for the final post and for private notices.
import type { Sql } from "postgres";

export type ChallengeStatus = "running" | "ended" | "cancelled";
export type ChallengeMode = "leaderboard" | "threshold";

export interface ChallengeRow {
  id: number;
  groupId: number;
  title: string;
  startsOn: string;
  /** exclusive end date */
  endsOn: string;
  entryDays: number;
  metric: string;
  mode: ChallengeMode;
  threshold: number | null;
  status: ChallengeStatus;
  stoppedOn: string | null;
  finishStatus: string | null;
  entrants: number;
}

const challengeColumns = (sql: Sql) => sql`
  c.id::int as id, c.group_id::int as "groupId", c.title, to_char(c.starts_on, 'YYYY-MM-DD') as "startsOn",
  to_char(c.ends_on, 'YYYY-MM-DD') as "endsOn", c.entry_days as "entryDays", c.metric, c.mode,
  c.threshold::float8 as threshold, c.status, to_char(c.stopped_on, 'YYYY-MM-DD') as "stoppedOn",
  c.finish_status as "finishStatus",
  (select count(*)::int from app.challenge_entrants e where e.challenge_id = c.id) as entrants`;

export type NewChallenge = Omit<ChallengeRow, "id" | "status" | "stoppedOn" | "finishStatus" | "entrants">;

/** Creates the group's challenge; null when one is already running (the unique index settles races). */
export async function createChallenge(sql: Sql, c: NewChallenge): Promise<ChallengeRow | null> {
  const [row] = await sql<{ id: number }[]>`
    insert into app.challenges (group_id, title, starts_on, ends_on, entry_days, metric, mode, threshold)
    values (${c.groupId}, ${c.title}, ${c.startsOn}::date, ${c.endsOn}::date, ${c.entryDays}, ${c.metric},
            ${c.mode}, ${c.threshold})
    on conflict (group_id) where status = 'running' do nothing
    returning id::int`;
  return row ? getChallenge(sql, row.id) : null;
}

export async function getChallenge(sql: Sql, id: number): Promise<ChallengeRow | null> {
  const [row] = await sql<
    ChallengeRow[]
  >`select ${challengeColumns(sql)} from app.challenges c where c.id = ${id}`;
  return row ?? null;
}

export async function runningChallenge(sql: Sql, groupId: number): Promise<ChallengeRow | null> {
  const [row] = await sql<ChallengeRow[]>`
    select ${challengeColumns(sql)} from app.challenges c where c.group_id = ${groupId} and c.status = 'running'`;
  return row ?? null;
}

/** The group's challenges, newest first (running, ended and cancelled). */
export async function challengeHistory(sql: Sql, groupId: number, limit = 10): Promise<ChallengeRow[]> {
  return sql<ChallengeRow[]>`
    select ${challengeColumns(sql)} from app.challenges c where c.group_id = ${groupId}
    order by c.starts_on desc, c.id desc limit ${limit}`;
}

/** running → ended | cancelled, as of `localDate`; false when it was not running any more. */
export async function stopChallenge(
  sql: Sql,
  id: number,
  status: "ended" | "cancelled",
  localDate: string | null,
): Promise<boolean> {
  const rows = await sql`
    update app.challenges set status = ${status},
      stopped_on = case when ${localDate}::date is null then null else least(${localDate}::date, ends_on - 1) end
    where id = ${id} and status = 'running' returning 1`;
  return rows.length > 0;
}

/** Enters the member; false when they already were in. */
export async function addEntrant(sql: Sql, challengeId: number, memberId: number): Promise<boolean> {
  const rows = await sql`
    insert into app.challenge_entrants (challenge_id, member_id) values (${challengeId}, ${memberId})
    on conflict do nothing returning 1`;
  return rows.length > 0;
}

export async function entrantIds(sql: Sql, challengeId: number): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select member_id::int as id from app.challenge_entrants where challenge_id = ${challengeId} order by member_id`;
  return rows.map((r) => r.id);
}

export type Standing = "ranked" | "no_baseline" | "no_result";
export type NoiseClass = "within_noise" | "likely" | "real";

export interface BoardRow {
  memberId: number;
  name: string;
  standing: Standing;
  rank: number | null;
  tied: boolean;
  score: number | null;
  noiseClass: NoiseClass | null;
  reached: boolean;
  baselineAt: string | null;
  resultAt: string | null;
  afterTraining: boolean;
  unusualHour: boolean;
}

/** The challenge's board: ranked entrants by rank, then the not-ranked ones by name. */
export async function challengeBoard(sql: Sql, challengeId: number): Promise<BoardRow[]> {
  return sql<BoardRow[]>`
    select b.member_id::int as "memberId", m.display_name as name, b.standing, b.rank::int as rank, b.tied,
           b.score::float8 as score, b.noise_class as "noiseClass", b.reached,
           to_char(b.baseline_at, 'YYYY-MM-DD"T"HH24:MI') as "baselineAt",
           to_char(b.result_at, 'YYYY-MM-DD"T"HH24:MI') as "resultAt",
           b.result_after_training as "afterTraining", b.result_unusual_hour as "unusualHour"
    from gold.challenge_board b join app.members m on m.id = b.member_id
    where b.challenge_id = ${challengeId}
    order by b.rank nulls last, m.display_name, b.member_id`;
}

/** Running challenges of every group (the finish tick decides which are over in their zone). */
export async function runningChallenges(sql: Sql): Promise<ChallengeRow[]> {
  return sql<
    ChallengeRow[]
  >`select ${challengeColumns(sql)} from app.challenges c where c.status = 'running'`;
}

/** Ended challenges whose final post has not been claimed yet. */
export async function unfinishedChallenges(sql: Sql): Promise<ChallengeRow[]> {
  return sql<ChallengeRow[]>`
    select ${challengeColumns(sql)} from app.challenges c where c.status = 'ended' and c.finish_status is null`;
}

/** Claims the final post. Exactly one caller gets true (committed before anything is posted: at most once). */
export async function claimFinish(sql: Sql, challengeId: number, now: Date): Promise<boolean> {
  const rows = await sql`
    update app.challenges set finish_status = 'claimed', finished_at = ${now.toISOString()}::timestamptz
    where id = ${challengeId} and status = 'ended' and finish_status is null returning 1`;
  return rows.length > 0;
}

export async function markFinish(sql: Sql, challengeId: number, status: string, now: Date): Promise<void> {
  await sql`
    update app.challenges set finish_status = ${status}, finished_at = ${now.toISOString()}::timestamptz
    where id = ${challengeId}`;
}

export type NoticeKind = "no_baseline" | "final_nudge" | "result";

/** Claims one private notice per entrant and kind (at most once). */
export async function claimNotice(
  sql: Sql,
  challengeId: number,
  memberId: number,
  kind: NoticeKind,
  now: Date,
): Promise<boolean> {
  const rows = await sql`
    insert into app.challenge_notices (challenge_id, member_id, kind, sent_at)
    values (${challengeId}, ${memberId}, ${kind}, ${now.toISOString()}::timestamptz)
    on conflict do nothing returning 1`;
  return rows.length > 0;
}

export async function markNotice(
  sql: Sql,
  challengeId: number,
  memberId: number,
  kind: NoticeKind,
  status: "sent" | "unreachable" | "failed",
): Promise<void> {
  await sql`
    update app.challenge_notices set status = ${status}
    where challenge_id = ${challengeId} and member_id = ${memberId} and kind = ${kind}`;
}

export async function noticeRecords(
  sql: Sql,
  challengeId: number,
): Promise<{ memberId: number; kind: NoticeKind; status: string }[]> {
  return sql<{ memberId: number; kind: NoticeKind; status: string }[]>`
    select member_id::int as "memberId", kind, status from app.challenge_notices
    where challenge_id = ${challengeId} order by member_id, kind`;
}

/** Entrants' latest scan time before `before` (printed local time), for the final-scan nudge. */
export async function lastScanOfEntrants(sql: Sql, challengeId: number): Promise<Map<number, string | null>> {
  const rows = await sql<{ memberId: number; lastAt: string | null }[]>`
    select e.member_id::int as "memberId",
           (select to_char(max(s.scanned_at), 'YYYY-MM-DD"T"HH24:MI') from silver.scans s where s.member_id = e.member_id) as "lastAt"
    from app.challenge_entrants e where e.challenge_id = ${challengeId}`;
  return new Map(rows.map((r) => [r.memberId, r.lastAt]));
}

/** gold.challenge_sheet_rows with exactly `columns` (text and double precision only), for the Sheet mirror. */
export async function challengeSheetRows(
  sql: Sql,
  columns: readonly string[],
): Promise<Record<string, string | number | null>[]> {
  return sql<Record<string, string | number | null>[]>`
    select ${sql(columns as string[])} from gold.challenge_sheet_rows order by starts_on, challenge, rank, member`;
}
