// Replies owed after an update was handled (app.pending_replies): a file read later because the cage was
// busy, or a refused file a parser update could read. Claimed with a lease (not_before moves on), so a
// crash mid-delivery retries it and two instances never take the same one at once. Times come from the
// app's clock.
import type { Sql } from "postgres";

export type PendingKind = "read_later" | "reprocessed";

/** Who is owed the reply, for which file, and where it goes. */
interface OwedTo {
  kind: PendingKind;
  memberId: number;
  sha256: string;
  platform: string;
  chatId: string;
  userId: string | null;
  inGroup: boolean;
  groupId: number | null;
  messageId: string | null;
}

export interface PendingReplyInput extends OwedTo {
  scanReportId?: number | null;
  fileName?: string | null;
  mimeType?: string | null;
  /** not tried before this time */
  notBefore: Date;
}

export interface PendingReply extends OwedTo {
  id: number;
  scanReportId: number | null;
  fileName: string | null;
  mimeType: string | null;
  attempts: number;
}

/** Records a reply owed; the same file owed twice to the same member for the same reason is one reply. */
export async function addPendingReply(sql: Sql, reply: PendingReplyInput): Promise<void> {
  await sql`
    insert into app.pending_replies (kind, member_id, raw_sha256, scan_report_id, platform, chat_id, user_id,
                                     in_group, group_id, message_id, file_name, mime_type, not_before)
    values (${reply.kind}, ${reply.memberId}, ${reply.sha256}, ${reply.scanReportId ?? null}, ${reply.platform},
            ${reply.chatId}, ${reply.userId}, ${reply.inGroup}, ${reply.groupId}, ${reply.messageId},
            ${reply.fileName ?? null}, ${reply.mimeType ?? null}, ${reply.notBefore.toISOString()}::timestamptz)
    on conflict (kind, member_id, raw_sha256) do nothing`;
}

/** Takes the oldest reply due at `now` on these platforms, until `leaseUntil`; null when none is due. */
export async function claimPendingReply(
  sql: Sql,
  platforms: string[],
  now: Date,
  leaseUntil: Date,
): Promise<PendingReply | null> {
  if (platforms.length === 0) return null;
  const [row] = await sql<PendingReply[]>`
    update app.pending_replies p set attempts = p.attempts + 1, not_before = ${leaseUntil.toISOString()}::timestamptz
    where p.id = (select id from app.pending_replies
                  where delivered_at is null and not_before <= ${now.toISOString()}::timestamptz and platform in ${sql(platforms)}
                  order by not_before, id limit 1 for update skip locked)
    returning p.id::int, p.kind, p.member_id::int as "memberId", p.raw_sha256 as sha256,
              p.scan_report_id::int as "scanReportId", p.platform, p.chat_id as "chatId", p.user_id as "userId",
              p.in_group as "inGroup", p.group_id::int as "groupId", p.message_id as "messageId",
              p.file_name as "fileName", p.mime_type as "mimeType", p.attempts`;
  return row ?? null;
}

/** Try again at `until` (the cage was still busy, the scan not yet published, the platform down). */
export async function postponePendingReply(sql: Sql, id: number, until: Date): Promise<void> {
  await sql`update app.pending_replies set not_before = ${until.toISOString()}::timestamptz where id = ${id}`;
}

export async function finishPendingReply(sql: Sql, id: number, outcome: string): Promise<void> {
  await sql`update app.pending_replies set delivered_at = now(), outcome = ${outcome} where id = ${id}`;
}

/** Not delivered yet (for tests and `pump doctor`-like views). */
export async function openPendingReplies(sql: Sql): Promise<{ kind: PendingKind; memberId: number }[]> {
  return sql<{ kind: PendingKind; memberId: number }[]>`
    select kind, member_id::int as "memberId" from app.pending_replies where delivered_at is null order by id`;
}
