// Scan conditions: what a member said about a scan (fasted? trained today? usual time?), whether they are
// asked at all, and the flags a board or /progress shows (after training; an unusual hour, told or from the
// printed time against the member's usual — median — scan hour).
import type { Sql } from "postgres";

/** Hours away from the member's usual scan hour that make a scan "unusual". */
export const UNUSUAL_HOURS = 3;

export interface ConditionsPatch {
  fasted?: boolean;
  trained?: boolean;
  usualTime?: boolean;
}

export async function setConditionsEnabled(sql: Sql, memberId: number, on: boolean): Promise<void> {
  await sql`update app.members set conditions_enabled = ${on} where id = ${memberId}`;
}

/** Whether the scan is this member's published scan. */
export async function isMemberScan(sql: Sql, memberId: number, scanId: string): Promise<boolean> {
  const rows = await sql`select 1 from silver.scans where member_id = ${memberId} and scan_id = ${scanId}`;
  return rows.length > 0;
}

/**
 * Whether to ask about this scan's conditions: the member has not switched the question off, is an entrant
 * of a running challenge (in any group), and has not answered for this scan yet.
 */
export async function conditionsQuestionDue(sql: Sql, memberId: number, scanId: string): Promise<boolean> {
  const [row] = await sql<{ due: boolean }[]>`
    select m.conditions_enabled
      and exists (
        select 1 from app.challenge_entrants e join app.challenges c on c.id = e.challenge_id
        where e.member_id = m.id and c.status = 'running')
      and not exists (
        select 1 from app.scan_conditions sc where sc.member_id = m.id and sc.scan_id = ${scanId}) as due
    from app.members m where m.id = ${memberId}`;
  return row?.due ?? false;
}

/** Adds the answers given; answers not given keep what was said before. */
export async function saveConditions(
  sql: Sql,
  memberId: number,
  scanId: string,
  patch: ConditionsPatch,
  now: Date,
): Promise<void> {
  await sql`
    insert into app.scan_conditions (member_id, scan_id, fasted, trained, usual_time, answered_at)
    values (${memberId}, ${scanId}, ${patch.fasted ?? null}, ${patch.trained ?? null}, ${patch.usualTime ?? null},
            ${now.toISOString()}::timestamptz)
    on conflict (member_id, scan_id) do update set
      fasted = coalesce(excluded.fasted, app.scan_conditions.fasted),
      trained = coalesce(excluded.trained, app.scan_conditions.trained),
      usual_time = coalesce(excluded.usual_time, app.scan_conditions.usual_time),
      answered_at = excluded.answered_at`;
}

export interface ScanFlags {
  afterTraining: boolean;
  unusualHour: boolean;
}

/** The same rule as gold.challenge_board's result flags. */
export async function scanFlags(sql: Sql, memberId: number, scanId: string): Promise<ScanFlags> {
  const [row] = await sql<ScanFlags[]>`
    with usual as (
      select percentile_disc(0.5) within group (order by extract(hour from scanned_at)) as hour
      from silver.scans where member_id = ${memberId}
    )
    select coalesce(c.trained, false) as "afterTraining",
           coalesce(not c.usual_time, false) or abs(extract(hour from s.scanned_at) - u.hour) >= ${UNUSUAL_HOURS}
             as "unusualHour"
    from silver.scans s cross join usual u
    left join app.scan_conditions c on c.member_id = s.member_id and c.scan_id = s.scan_id
    where s.member_id = ${memberId} and s.scan_id = ${scanId}`;
  return row ?? { afterTraining: false, unusualHour: false };
}
