// /forget in the database: the member, everything derived from them, and every file they sent.
import type { Sql } from "postgres";
import { personMemberIds } from "./people.ts";
import { voidedByMember } from "./scans.ts";

export interface ForgottenRows {
  /** accepted scans deleted */
  scans: number;
  /** stored files deleted */
  rawFiles: number;
  /** the member and those merged into them by /link: whose rows went */
  memberIds: number[];
}

/**
 * Deletes the person — the member and the members merged into them by /link (identities, memberships, goals,
 * reminders, /link codes cascade; /link tries go too) — their reports and every file they sent — read or not, accepted, rejected, a duplicate, a re-export, too large, waiting or interrupted.
 *
 * A file they sent survives only when it is somebody else's: another member has it as an accepted scan they
 * did not disown, or — when it was never the forgotten member's own scan (not accepted for them, or
 * disowned) — another member sent it too and did not disown it. A copy of the forgotten member's scan that
 * someone else forwarded is theirs, and goes with them. "The forgotten member" is every id of the person.
 */
export async function forgetMemberRows(sql: Sql, memberId: number): Promise<ForgottenRows> {
  return sql.begin(async (tx) => {
    const ids = await personMemberIds(tx, memberId);
    const person = () => tx`any(${ids}::bigint[])`;
    const [counts] = await tx<{ scans: number }[]>`
      select count(distinct scanned_at)::int as scans from bronze.scan_reports
      where member_id = ${person()} and status = 'accepted'`;
    const deleted = await tx`
      with sent as (
        select sha256 from bronze.raw_file_senders where member_id = ${person()}
        union
        select raw_sha256 from bronze.scan_reports where member_id = ${person()}
      ),
      own_scans as (
        select r.raw_sha256 as sha256 from bronze.scan_reports r
        where r.member_id = ${person()} and r.status = 'accepted' and not ${voidedByMember(tx)}
      ),
      kept as (
        select s.sha256 from sent s
        where exists (
            select 1 from bronze.scan_reports r
            where r.raw_sha256 = s.sha256 and r.member_id <> all(${ids}::bigint[]) and r.status = 'accepted'
              and not ${voidedByMember(tx)})
          or (s.sha256 not in (select sha256 from own_scans)
              and exists (
                select 1 from bronze.raw_file_senders l
                where l.sha256 = s.sha256 and l.member_id <> all(${ids}::bigint[])
                  and not exists (
                    select 1 from app.voided_scans v join bronze.scan_reports vr on vr.id = v.scan_report_id
                    where vr.raw_sha256 = l.sha256 and vr.member_id = l.member_id)))
      )
      delete from bronze.raw_files f
      where f.sha256 in (select sha256 from sent) and f.sha256 not in (select sha256 from kept)
      returning 1`;
    // reports of files kept for someone else, /link tries, then the members (links, identities and the rest cascade)
    await tx`delete from bronze.scan_reports where member_id = ${person()}`;
    await tx`delete from app.link_attempts a using app.identities i
             where i.member_id = ${person()} and a.platform = i.platform and a.platform_user_id = i.platform_user_id`;
    await tx`delete from app.members where id = ${person()}`;
    // last weeks' summaries remember ranks by member id, for the movers
    const keys = ids.map(String);
    await tx`
      update app.summaries_sent
      set ranks = jsonb_set(ranks, '{ranks}', (ranks -> 'ranks') - ${keys}::text[])
      where ranks -> 'ranks' ?| ${keys}::text[]`;
    return { scans: counts!.scans, rawFiles: deleted.length, memberIds: ids };
  });
}
