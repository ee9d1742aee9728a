// Photo reads waiting for the member's Save (app.pending_photo_reads): the image and the read, outside
// bronze. Every read here ignores what has expired, whether or not the expiry job has run yet.
import type { Sql, TransactionSql } from "postgres";
import type { ScanRecord } from "../../domain/scan-record.ts";

export interface PhotoReadRow {
  id: number;
  memberId: number;
  sha256: string;
  bytes: Buffer;
  fileName: string | null;
  mimeType: string | null;
  record: ScanRecord;
  corrected: string[];
  fixing: boolean;
  platform: string;
  chatId: string | null;
  replyChatId: string | null;
  messageId: string | null;
  groupId: number | null;
  expiresAt: string;
}

const COLUMNS = (sql: Sql | TransactionSql) => sql`
  id::int, member_id::int as "memberId", sha256, bytes, file_name as "fileName", mime_type as "mimeType",
  record, corrected, fixing, platform, chat_id as "chatId", reply_chat_id as "replyChatId",
  message_id as "messageId", group_id::int as "groupId", expires_at as "expiresAt"`;

export interface NewPhotoRead {
  memberId: number;
  sha256: string;
  bytes: Uint8Array;
  fileName: string | null;
  mimeType: string | null;
  record: ScanRecord;
  platform: string;
  chatId: string | null;
  replyChatId: string | null;
  messageId: string | null;
  groupId: number | null;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Stores a read, or returns the member's open read of the same image or the same printed scan (the unique
 * indexes settle concurrent arrivals): `created` says which.
 */
export async function storePhotoRead(
  sql: Sql,
  read: NewPhotoRead,
): Promise<{ row: PhotoReadRow; created: boolean }> {
  return sql.begin(async (tx) => {
    // an expired read of the same image gives way to the new one
    await tx`delete from app.pending_photo_reads
      where member_id = ${read.memberId} and expires_at <= ${read.createdAt.toISOString()}`;
    const [inserted] = await tx<PhotoReadRow[]>`
      insert into app.pending_photo_reads
        (member_id, sha256, bytes, file_name, mime_type, record, scanned_at, platform, chat_id, reply_chat_id,
         message_id, group_id, created_at, expires_at)
      values (${read.memberId}, ${read.sha256}, ${Buffer.from(read.bytes)}, ${read.fileName}, ${read.mimeType},
              ${JSON.stringify(read.record)}::jsonb, ${read.record.scanned_at || null}, ${read.platform},
              ${read.chatId}, ${read.replyChatId}, ${read.messageId}, ${read.groupId}, ${read.createdAt.toISOString()},
              ${read.expiresAt.toISOString()})
      on conflict do nothing
      returning ${COLUMNS(tx)}`;
    if (inserted) return { row: inserted, created: true };
    const [existing] = await tx<PhotoReadRow[]>`
      select ${COLUMNS(tx)} from app.pending_photo_reads
      where member_id = ${read.memberId}
        and (sha256 = ${read.sha256} or scanned_at = ${read.record.scanned_at || null})
      order by id limit 1`;
    return { row: existing!, created: false };
  });
}

/** The member's open read of this image, if any. */
export async function openPhotoReadOfFile(
  sql: Sql,
  memberId: number,
  sha256: string,
  now: Date,
): Promise<PhotoReadRow | null> {
  const [row] = await sql<PhotoReadRow[]>`
    select ${COLUMNS(sql)} from app.pending_photo_reads
    where member_id = ${memberId} and sha256 = ${sha256} and expires_at > ${now.toISOString()}`;
  return row ?? null;
}

export async function openPhotoRead(sql: Sql, id: number, now: Date): Promise<PhotoReadRow | null> {
  const [row] = await sql<PhotoReadRow[]>`
    select ${COLUMNS(sql)} from app.pending_photo_reads where id = ${id} and expires_at > ${now.toISOString()}`;
  return row ?? null;
}

/** The member's newest open read: the one waiting for corrections first, else the newest. */
export async function latestOpenPhotoRead(
  sql: Sql,
  memberId: number,
  now: Date,
): Promise<PhotoReadRow | null> {
  const [row] = await sql<PhotoReadRow[]>`
    select ${COLUMNS(sql)} from app.pending_photo_reads
    where member_id = ${memberId} and expires_at > ${now.toISOString()}
    order by fixing desc, id desc limit 1`;
  return row ?? null;
}

export async function markFixing(sql: Sql, id: number): Promise<void> {
  await sql`update app.pending_photo_reads set fixing = (id = ${id})
    where member_id = (select member_id from app.pending_photo_reads where id = ${id})`;
}

/** Saves the member's corrections; false when the read is gone (saved, expired, forgotten meanwhile). */
export async function updatePhotoRead(
  sql: Sql,
  id: number,
  record: ScanRecord,
  corrected: string[],
): Promise<boolean> {
  const rows = await sql`
    update app.pending_photo_reads
    set record = ${JSON.stringify(record)}::jsonb, scanned_at = ${record.scanned_at || null},
        corrected = ${JSON.stringify(corrected)}::jsonb
    where id = ${id} returning 1`;
  return rows.length > 0;
}

export async function deletePhotoRead(sql: Sql, id: number): Promise<void> {
  await sql`delete from app.pending_photo_reads where id = ${id}`;
}

/** Forgets every read that expired, with its image; returns how many. */
export async function deleteExpiredPhotoReads(sql: Sql, now: Date): Promise<number> {
  const rows =
    await sql`delete from app.pending_photo_reads where expires_at <= ${now.toISOString()} returning 1`;
  return rows.length;
}
