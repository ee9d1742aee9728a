// What `pump doctor` reports about the database it reached.
import type { Sql } from "postgres";

export async function databaseHealth(
  sql: Sql,
): Promise<{ version: string; members: number; acceptedScans: number }> {
  const [row] = await sql<{ version: string; scans: number; members: number }[]>`
    select current_setting('server_version') as version,
           (select count(*)::int from bronze.scan_reports where status = 'accepted') as scans,
           -- a member merged into another by /link is part of that person
           (select count(*)::int from app.members m
             where not exists (select 1 from app.member_merges mm where mm.merged_member_id = m.id)) as members`;
  return { version: row!.version, members: row!.members, acceptedScans: row!.scans };
}
