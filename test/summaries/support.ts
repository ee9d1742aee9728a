// Shared set-up for the summary and reminder tests: a movable clock, a notifier that records what it was
// asked to post (in the replies' words, as a bot would post it), and helpers to put members, scans and
// groups into the test core.
import type { Sql } from "postgres";
import { announcementImage, announcementText } from "../../bot/replies/announcements.ts";
import { type Markup, plainText } from "../../bot/replies/markup.ts";
import type { Core } from "../../src/compose-core.ts";
import { resolveGroup, setHidden } from "../../src/db/queries/people.ts";
import type { Announcement, Notifier } from "../../src/use-cases/notifier.ts";
import { makeRecord, recordBytes } from "../support/records.ts";

export interface Clock {
  now: Date;
  set(iso: string): void;
}

export function clock(iso: string): Clock {
  const c = {
    now: new Date(iso),
    set(at: string) {
      c.now = new Date(at);
    },
  };
  return c;
}

export interface Posted {
  to: "group" | "user";
  id: string;
  text: string;
  image: boolean;
}

export interface RecordingNotifier extends Notifier {
  posted: Posted[];
  /** user ids that answer "unreachable" (never opened a private chat) */
  unreachable: Set<string>;
}

export function recordingNotifier(
  posted: Posted[] = [],
  markup: Markup = plainText,
  platform: "telegram" | "discord" = "telegram",
): RecordingNotifier {
  const unreachable = new Set<string>();
  const record = (to: Posted["to"], id: string, announcement: Announcement) => {
    posted.push({
      to,
      id,
      text: announcementText(announcement, markup),
      image: announcementImage(announcement) !== null,
    });
  };
  return {
    platform,
    posted,
    unreachable,
    async postToGroup(chatId, message) {
      record("group", chatId, message);
      return "sent";
    },
    async postToUser(userId, message) {
      if (unreachable.has(userId)) return "unreachable";
      record("user", userId, message);
      return "sent";
    },
    async deliverScan() {
      return "sent";
    },
  };
}

export interface GroupSpec {
  chatId: string;
  title: string;
  timeZone?: string | null;
  weekday?: number;
  time?: string;
  platform?: string;
}

/** A group that has existed for long enough to be owed summaries. */
export async function makeGroup(sql: Sql, spec: GroupSpec): Promise<number> {
  const chat = { platform: spec.platform ?? "telegram", chatId: spec.chatId, title: spec.title };
  const group = await resolveGroup(sql, chat, new Date("2025-01-01T00:00:00Z"));
  await sql`
    update app.groups set time_zone = ${spec.timeZone ?? null}, summary_weekday = ${spec.weekday ?? 1},
      summary_time = ${spec.time ?? "09:00"}
    where id = ${group.id}`;
  return group.id;
}

export interface ScanSpec {
  at: string;
  weightKg: number;
  fatPct: number;
}

let messageSeq = 0;

/** Ingests canonical records for a member (a platform user) in a group; returns the member id. */
export async function scans(
  core: Core,
  who: { userId: string; name: string; platform?: string },
  group: { chatId: string; title: string; platform?: string },
  list: ScanSpec[],
): Promise<number> {
  let memberId = -1;
  for (const scan of list) {
    const outcome = await core.ingestScan({
      bytes: recordBytes(
        makeRecord({ name: who.name, scannedAt: scan.at, weightKg: scan.weightKg, fatPct: scan.fatPct }),
      ),
      fileName: "scan.pdf",
      mimeType: "application/pdf",
      platform: who.platform ?? "telegram",
      sender: { platform: who.platform ?? "telegram", userId: who.userId, displayName: who.name },
      group: { platform: group.platform ?? "telegram", chatId: group.chatId, title: group.title },
      chatId: group.chatId,
      messageId: String(++messageSeq),
    });
    if (outcome.kind !== "accepted") throw new Error(`scan not accepted: ${outcome.kind}`);
    memberId = outcome.memberId;
  }
  return memberId;
}

export async function hide(sql: Sql, groupId: number, memberId: number): Promise<void> {
  await setHidden(sql, groupId, memberId, true);
}

export async function summaryRows(sql: Sql, groupId: number) {
  return sql<{ weekStart: string; status: string; late: boolean; error: string | null }[]>`
    select to_char(week_start, 'YYYY-MM-DD') as "weekStart", status, late, error
    from app.summaries_sent where group_id = ${groupId} order by week_start`;
}
