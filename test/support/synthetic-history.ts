// Synthetic history written straight into the real schema (app.groups, app.members, app.memberships,
// bronze.raw_files, bronze.scan_reports) in SQL, fast enough for millions of scans: each member scans
// weekly up to last week, their weight and fat drifting by a member-specific trend, every record
// consistent by the sheet's own sums (so the SQL tests hold). For bench:scale and the tests that show an
// incremental run reads the same rows whatever the size.
import type { Sql } from "postgres";
import { PARSER_VERSION } from "../../src/extract/extract-scan.ts";
import { makeRecord } from "./records.ts";

export interface HistoryShape {
  groups: number;
  membersPerGroup: number;
  scansPerMember: number;
  /** the last scans land in the week before this */
  now: Date;
  /** groups are numbered from here (to add more to an existing history) */
  firstGroup?: number;
  /** groups written per statement batch */
  batch?: number;
}

export interface WrittenHistory {
  groupIds: number[];
  memberIds: number[];
}

export async function writeSyntheticHistory(sql: Sql, shape: HistoryShape): Promise<WrittenHistory> {
  const template = makeRecord({ scannedAt: "2026-01-01T08:00", weightKg: 80, fatPct: 25 });
  const first = shape.firstGroup ?? 0;
  const batch = shape.batch ?? 10;
  const written: WrittenHistory = { groupIds: [], memberIds: [] };
  for (let from = first; from < first + shape.groups; from += batch) {
    const to = Math.min(first + shape.groups, from + batch);
    await sql.begin(async (tx) => {
      const groups = await tx<{ id: number }[]>`
        insert into app.groups (platform, platform_chat_id, title, created_at)
        select 'synthetic', 'group-' || i, 'Synthetic ' || i, ${shape.now.toISOString()}::timestamptz - interval '3 years'
        from generate_series(${from}::int, ${to - 1}::int) as i order by i
        returning id::int`;
      const members = await tx<{ id: number; group_id: number }[]>`
        with g as (select unnest(${groups.map((g) => g.id)}::bigint[]) as group_id),
        m as (
          insert into app.members (display_name, created_at)
          select 'Synthetic ' || g.group_id || '-' || j, ${shape.now.toISOString()}::timestamptz - interval '3 years'
          from g cross join generate_series(1, ${shape.membersPerGroup}::int) as j
          order by g.group_id, j
          returning id, display_name
        )
        select m.id::int, split_part(split_part(m.display_name, ' ', 2), '-', 1)::int as group_id from m`;
      await tx`
        insert into app.memberships (group_id, member_id, joined_at)
        select g, m, ${shape.now.toISOString()}::timestamptz - interval '3 years'
        from unnest(${members.map((m) => m.group_id)}::bigint[], ${members.map((m) => m.id)}::bigint[]) as x(g, m)`;
      await tx`
        create temp table synthetic_scans on commit drop as
        select m.id as member_id, m.group_id, k,
               md5('m' || m.id || 'k' || k) || md5('k' || k || 'm' || m.id) as sha,
               to_char(
                 date_trunc('day', ${shape.now.toISOString()}::timestamptz at time zone 'UTC')
                   - (${shape.scansPerMember}::int - k) * interval '7 days'
                   - (m.id % 7) * interval '1 day' + interval '8 hours' + (m.id % 50) * interval '1 minute',
                 'YYYY-MM-DD"T"HH24:MI'
               ) as scanned_at,
               round(((((m.id * 37) % 7) - 3) / 3.0 * k / ${shape.scansPerMember}::int + 0.3 * sin(k))::numeric, 1)::float8 as d
        from unnest(${members.map((m) => m.id)}::bigint[], ${members.map((m) => m.group_id)}::bigint[]) as m(id, group_id)
        cross join generate_series(0, ${shape.scansPerMember - 1}::int) as k`;
      await tx`
        insert into bronze.raw_files (sha256, bytes, size_bytes, file_name, mime_type, received_at)
        select sha, '\\x00'::bytea, 1, null, 'application/pdf', ${shape.now.toISOString()}::timestamptz
        from synthetic_scans`;
      const metrics = template.metrics as Record<string, number>;
      await tx`
        insert into bronze.scan_reports
          (raw_sha256, member_id, parser_version, status, payload, scanned_at, source_platform, group_id, received_at)
        select sha, member_id, ${PARSER_VERSION}, 'accepted',
               jsonb_set(
                 jsonb_set(${JSON.stringify(template)}::jsonb, '{scanned_at}', to_jsonb(scanned_at)),
                 '{metrics}',
                 (${JSON.stringify(template)}::jsonb -> 'metrics') || jsonb_build_object(
                   'weight_kg', ${metrics.weight_kg!}::float8 + d,
                   'body_fat_mass_kg', ${metrics.body_fat_mass_kg!}::float8 + d,
                   'body_fat_pct', round((100 * (${metrics.body_fat_mass_kg!}::float8 + d) / (${metrics.weight_kg!}::float8 + d))::numeric, 1)
                 )
               ),
               scanned_at, 'synthetic', group_id, (scanned_at || ':00')::timestamp at time zone 'UTC'
        from synthetic_scans`;
      written.groupIds.push(...groups.map((g) => g.id));
      written.memberIds.push(...members.map((m) => m.id));
    });
  }
  await sql`analyze app.groups`;
  await sql`analyze app.members`;
  await sql`analyze app.memberships`;
  await sql`analyze bronze.scan_reports`;
  await sql`analyze bronze.raw_files`;
  return written;
}
