// Bronze: raw files and scan reports. Append-only (only /forget deletes).
import type { Sql } from "postgres";
import type { ScanRecord } from "../../domain/scan-record.ts";

export interface ScanSource {
  memberId: number;
  platform: string;
  chatId: string | null;
  messageId: string | null;
  groupId: number | null;
}

/** Stores the bytes once per sha256; returns true when this call stored them. */
export async function storeRawFile(
  sql: Sql,
  file: { sha256: string; bytes: Uint8Array; fileName: string | null; mimeType: string | null },
): Promise<boolean> {
  const rows = await sql`
    insert into bronze.raw_files (sha256, bytes, size_bytes, file_name, mime_type)
    values (${file.sha256}, ${Buffer.from(file.bytes)}, ${file.bytes.byteLength}, ${file.fileName}, ${file.mimeType})
    on conflict (sha256) do nothing returning 1`;
  return rows.length > 0;
}

export interface ExistingReport {
  id: number;
  memberId: number;
  status: "accepted" | "rejected";
  errorCode: string | null;
  scannedAt: string | null;
}

/**
 * Whether the member of report `r` said this file is not theirs. A void covers the member's file under
 * every parser version (the same rule as sql/silver/stg_scans.sql).
 */
const voidedByMember = (sql: Sql) => sql`exists (
  select 1 from app.voided_scans v join bronze.scan_reports vr on vr.id = v.scan_report_id
  where vr.raw_sha256 = r.raw_sha256 and vr.member_id = r.member_id)`;

/** The person report `r` belongs to: its member, or the one that member was merged into by /link. */
const personOf = (sql: Sql) => sql`coalesce(
  (select mm.into_member_id from app.member_merges mm where mm.merged_member_id = r.member_id), r.member_id)::int`;

/** Report `r` was sent by this person or by a member merged into them. */
const sentByPerson = (sql: Sql, memberId: number) => sql`r.member_id in (
  select ${memberId} union all select mm.merged_member_id from app.member_merges mm where mm.into_member_id = ${memberId})`;

/** This person's report of the file under this parser version, with whether they voided it. */
export async function reportForFile(
  sql: Sql,
  sha256: string,
  parserVersion: string,
  memberId: number,
): Promise<(ExistingReport & { voided: boolean }) | null> {
  const [row] = await sql<(ExistingReport & { voided: boolean })[]>`
    select r.id::int, ${personOf(sql)} as "memberId", r.status, r.error_code as "errorCode", r.scanned_at as "scannedAt",
           ${voidedByMember(sql)} as voided
    from bronze.scan_reports r
    where r.raw_sha256 = ${sha256} and r.parser_version = ${parserVersion} and ${sentByPerson(sql, memberId)}
    order by r.member_id = ${memberId} desc, r.id limit 1`;
  return row ?? null;
}

/** Another person's accepted, not voided report of the same file: then the file is theirs. */
export async function otherOwnerOfFile(
  sql: Sql,
  sha256: string,
  parserVersion: string,
  memberId: number,
): Promise<ExistingReport | null> {
  const [row] = await sql<ExistingReport[]>`
    select r.id::int, ${personOf(sql)} as "memberId", r.status, r.error_code as "errorCode", r.scanned_at as "scannedAt"
    from bronze.scan_reports r
    where r.raw_sha256 = ${sha256} and r.parser_version = ${parserVersion} and not ${sentByPerson(sql, memberId)}
      and r.status = 'accepted'
      and not ${voidedByMember(sql)}
    order by r.id limit 1`;
  return row ?? null;
}

/**
 * Whether a member merged into this person by /link already has an accepted report of this printed scan (the
 * person's own are kept out by the unique index): the same scan sent from the other account.
 */
export async function mergedMemberHasScanAt(
  sql: Sql,
  memberId: number,
  scannedAt: string,
  parserVersion: string,
): Promise<boolean> {
  const rows = await sql`
    select 1 from bronze.scan_reports r
    join app.member_merges mm on mm.merged_member_id = r.member_id and mm.into_member_id = ${memberId}
    where r.scanned_at = ${scannedAt} and r.parser_version = ${parserVersion} and r.status = 'accepted'
    limit 1`;
  return rows.length > 0;
}

/**
 * Appends a report. Returns its id, or null when a unique rule (same file, or same printed scan of the
 * member) says it already exists — also under concurrent ingests.
 */
export async function appendScanReport(
  sql: Sql,
  report: {
    sha256: string;
    parserVersion: string;
    source: ScanSource;
    outcome: { status: "accepted"; record: ScanRecord } | { status: "rejected"; errorCode: string };
  },
): Promise<number | null> {
  const { source, outcome } = report;
  const payload = outcome.status === "accepted" ? JSON.stringify(outcome.record) : null;
  const scannedAt = outcome.status === "accepted" ? outcome.record.scanned_at : null;
  const errorCode = outcome.status === "rejected" ? outcome.errorCode : null;
  const [row] = await sql<{ id: number }[]>`
    insert into bronze.scan_reports
      (raw_sha256, member_id, parser_version, status, error_code, payload, scanned_at,
       source_platform, source_chat_id, source_message_id, group_id)
    values (${report.sha256}, ${source.memberId}, ${report.parserVersion}, ${outcome.status}, ${errorCode}, ${payload}::jsonb,
            ${scannedAt}, ${source.platform}, ${source.chatId}, ${source.messageId}, ${source.groupId})
    on conflict do nothing
    returning id::int`;
  return row?.id ?? null;
}

/** Names printed on the member's earlier accepted sheets, most frequent first. */
export async function printedNames(sql: Sql, memberId: number, exceptReportId: number): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select payload -> 'subject' ->> 'name' as name from bronze.scan_reports r
    where ${sentByPerson(sql, memberId)} and status = 'accepted' and id <> ${exceptReportId}
      and payload -> 'subject' ->> 'name' is not null
      and not ${voidedByMember(sql)}
    group by 1 order by count(*) desc, max(id) desc`;
  return rows.map((r) => r.name);
}

export async function reportPayload(sql: Sql, scanReportId: number): Promise<ScanRecord | null> {
  const [row] = await sql<{ payload: ScanRecord | null }[]>`
    select payload from bronze.scan_reports where id = ${scanReportId} and status = 'accepted'`;
  return row?.payload ?? null;
}

export async function voidScanReport(sql: Sql, scanReportId: number, reason: string): Promise<void> {
  await sql`insert into app.voided_scans (scan_report_id, reason) values (${scanReportId}, ${reason}) on conflict do nothing`;
}

export async function scanReportOwner(sql: Sql, scanReportId: number): Promise<number | null> {
  const [row] = await sql<{ memberId: number }[]>`
    select ${personOf(sql)} as "memberId" from bronze.scan_reports r where r.id = ${scanReportId}`;
  return row?.memberId ?? null;
}

export interface RawFileRow {
  sha256: string;
  bytes: Buffer;
  memberId: number;
  platform: string;
  chatId: string | null;
  messageId: string | null;
  groupId: number | null;
}

/** Every (file, member) pair in bronze, with the source of the member's latest report, for `pump reprocess`. */
export async function* rawFilesForReprocess(sql: Sql, batchSize = 100): AsyncGenerator<RawFileRow[]> {
  let afterSha = "";
  let afterMember = 0;
  for (;;) {
    const rows = await sql<RawFileRow[]>`
      select distinct on (r.raw_sha256, r.member_id)
             f.sha256, f.bytes, r.member_id::int as "memberId", r.source_platform as platform,
             r.source_chat_id as "chatId", r.source_message_id as "messageId", r.group_id::int as "groupId"
      from bronze.scan_reports r join bronze.raw_files f on f.sha256 = r.raw_sha256
      where (r.raw_sha256, r.member_id) > (${afterSha}, ${afterMember})
      order by r.raw_sha256, r.member_id, r.id desc
      limit ${batchSize}`;
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    afterSha = last.sha256;
    afterMember = last.memberId;
  }
}

export async function exportableScans(sql: Sql, memberId: number): Promise<Record<string, unknown>[]> {
  return sql<Record<string, unknown>[]>`
    select scan_id, to_char(scanned_at, 'YYYY-MM-DD HH24:MI') as scanned_at, printed_name, mass_unit,
           weight_kg, lean_body_mass_kg, skeletal_muscle_mass_kg, protein_kg, mineral_kg, total_body_water_kg,
           body_fat_mass_kg, body_fat_pct, subcutaneous_fat_mass_kg, visceral_fat_mass_kg, visceral_fat_area_cm2,
           visceral_fat_level, intracellular_fluid_kg, extracellular_fluid_kg, bmr_kcal, tee_kcal, bio_age, bwi,
           abdominal_circumference_cm, waist_to_hip_ratio,
           left_arm_lean_kg, left_arm_fat_kg, right_arm_lean_kg, right_arm_fat_kg, torso_lean_kg, torso_fat_kg,
           left_leg_lean_kg, left_leg_fat_kg, right_leg_lean_kg, right_leg_fat_kg
    from silver.scans where member_id = ${memberId} order by scanned_at`;
}

/** Whether the member already has this printed scan (any file, any parser version, not voided). */
export async function hasAcceptedScanAt(sql: Sql, memberId: number, scannedAt: string): Promise<boolean> {
  const [row] = await sql<{ found: boolean }[]>`
    select exists (
      select 1 from bronze.scan_reports r
      where r.member_id = ${memberId} and r.scanned_at = ${scannedAt} and r.status = 'accepted'
        and not ${voidedByMember(sql)}) as found`;
  return row!.found;
}

/** Deletes a stored file no report refers to (a photo read that waits for the member lives outside bronze). */
export async function dropUnreportedRawFile(sql: Sql, sha256: string): Promise<void> {
  await sql`delete from bronze.raw_files f where f.sha256 = ${sha256}
    and not exists (select 1 from bronze.scan_reports r where r.raw_sha256 = f.sha256)`;
}
