// Drizzle schema of what the app owns: `app` (people, chats, settings) and `bronze` (raw files and
// extracted records, append-only — only /forget deletes). `silver` and `gold` belong to sql/ and the
// pipeline runner, not to Drizzle.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const app = pgSchema("app");
export const bronze = pgSchema("bronze");

export const members = app.table("members", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  displayName: text("display_name").notNull(),
  units: text("units").notNull().default("kg"),
  remindersEnabled: boolean("reminders_enabled").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A member as known on one platform (a person can be on Telegram and Discord). */
export const identities = app.table(
  "identities",
  {
    platform: text("platform").notNull(),
    platformUserId: text("platform_user_id").notNull(),
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    username: text("username"),
    displayName: text("display_name").notNull(),
    /** Whether the bot can message this person privately (they started it / allow DMs). */
    canMessagePrivately: boolean("can_message_privately").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.platformUserId] }), index().on(t.memberId)],
);

/** A group chat (Telegram group, Discord server, or a named CLI group). */
export const groups = app.table(
  "groups",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    platformChatId: text("platform_chat_id").notNull(),
    title: text("title").notNull(),
    timeZone: text("time_zone"),
    leaderboardMetric: text("leaderboard_metric").notNull().default("composite"),
    challengeStart: date("challenge_start"),
    summaryEnabled: boolean("summary_enabled").notNull().default(true),
    /** ISO weekday, 1 = Monday */
    summaryWeekday: integer("summary_weekday").notNull().default(1),
    /** local time HH:MM */
    summaryTime: text("summary_time").notNull().default("09:00"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.platform, t.platformChatId)],
);

export const memberships = app.table(
  "memberships",
  {
    groupId: bigint("group_id", { mode: "number" })
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    hidden: boolean("hidden").notNull().default(false),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.memberId] }), index().on(t.memberId)],
);

export const goals = app.table(
  "goals",
  {
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    metric: text("metric").notNull(),
    target: doublePrecision("target").notNull(),
    /** the member's latest value when the goal was set (null → measured from the first scan) */
    startValue: doublePrecision("start_value"),
    startScanId: text("start_scan_id"),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.metric] })],
);

/** Scans a member said are not theirs (or an admin voided); silver leaves them out. */
export const voidedScans = app.table("voided_scans", {
  scanReportId: bigint("scan_report_id", { mode: "number" })
    .primaryKey()
    .references(() => scanReports.id, { onDelete: "cascade" }),
  reason: text("reason").notNull(),
  voidedAt: timestamp("voided_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Chat updates already handled, so a redelivered update is handled once. */
export const processedUpdates = app.table(
  "processed_updates",
  {
    platform: text("platform").notNull(),
    updateKey: text("update_key").notNull(),
    processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.updateKey] })],
);

/** One weekly summary per group and week, whatever restarts or instances. */
export const summariesSent = app.table(
  "summaries_sent",
  {
    groupId: bigint("group_id", { mode: "number" })
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    weekStart: date("week_start").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    late: boolean("late").notNull().default(false),
    /**
     * claimed (being sent) → sent | failed | unreachable. A claim left at "claimed" means the process died
     * while sending: the post may or may not be in the chat, so it is never sent again (at most once).
     */
    status: text("status").notNull().default("sent"),
    /** the scheduled local time this summary was for, as an instant */
    scheduledFor: timestamp("scheduled_for", { withTimezone: true }),
    /** the leaderboard ranks the summary showed ({ metric, period, ranks: { memberId: rank } }), for next week's movers */
    ranks: jsonb("ranks"),
    /** why a send failed (error kind and code only, never message text) */
    error: text("error"),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.weekStart] })],
);

/** At most one rescan reminder per member per due period (keyed by the scan that started it). */
export const remindersSent = app.table(
  "reminders_sent",
  {
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    lastScanAt: text("last_scan_at").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    /** claimed → sent | unreachable (no private chat open yet: tried again on a later day) | failed */
    status: text("status").notNull().default("sent"),
    attempts: integer("attempts").notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.lastScanAt] })],
);

export const rawFiles = bronze.table("raw_files", {
  sha256: text("sha256").primaryKey(),
  bytes: bytea("bytes").notNull(),
  sizeBytes: integer("size_bytes").notNull(),
  fileName: text("file_name"),
  mimeType: text("mime_type"),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One extraction of one raw file by one parser version. Accepted rows carry the canonical record;
 * rejected rows carry the error code. The unique indexes make duplicates impossible even under
 * concurrent ingests: the same file of a member (per parser version), and the same printed scan of a member.
 */
export const scanReports = bronze.table(
  "scan_reports",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    rawSha256: text("raw_sha256")
      .notNull()
      .references(() => rawFiles.sha256, { onDelete: "cascade" }),
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    parserVersion: text("parser_version").notNull(),
    status: text("status").notNull(),
    errorCode: text("error_code"),
    payload: jsonb("payload"),
    /** scanned_at of the payload, copied out for the uniqueness rule */
    scannedAt: text("scanned_at"),
    sourcePlatform: text("source_platform").notNull(),
    sourceChatId: text("source_chat_id"),
    sourceMessageId: text("source_message_id"),
    groupId: bigint("group_id", { mode: "number" }).references(() => groups.id, { onDelete: "set null" }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // per member: a file someone said is not theirs can still be added by its real owner
    uniqueIndex("scan_reports_file_once_per_member").on(t.rawSha256, t.parserVersion, t.memberId),
    uniqueIndex("scan_reports_scan_once")
      .on(t.memberId, t.scannedAt, t.parserVersion)
      .where(sql`status = 'accepted'`),
    index().on(t.memberId),
  ],
);

/** The Sheet mirror's last sync per target (`google:<spreadsheet id>` or `csv:<dir>`), for `pump sheets:status`. */
export const sheetSyncState = app.table("sheet_sync_state", {
  target: text("target").primaryKey(),
  lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
  /** why that sync ran: startup, members-changed, reconcile, resync */
  lastReason: text("last_reason"),
  tabs: integer("tabs").notNull().default(0),
  rows: integer("rows").notNull().default(0),
  appended: integer("appended").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  deleted: integer("deleted").notNull().default(0),
  unknownRows: integer("unknown_rows").notNull().default(0),
  writeRequests: integer("write_requests").notNull().default(0),
  durationMs: integer("duration_ms").notNull().default(0),
  /** the operator message of the last failed attempt (no cell values, no tokens); cleared by a success */
  lastError: text("last_error"),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
});

/**
 * Where a group's scheduled posts go, kept across restarts: the Discord channel (or Telegram forum topic)
 * an admin chose with `/settings channel` / `/settings topic`, and the Discord channel scans were last posted in.
 */
export const groupDestinations = app.table("group_destinations", {
  groupId: bigint("group_id", { mode: "number" })
    .primaryKey()
    .references(() => groups.id, { onDelete: "cascade" }),
  /** Discord channel id or Telegram message_thread_id chosen by an admin; null: none chosen */
  chosenPlace: text("chosen_place"),
  /** Discord channel id of the last scan posted in the group */
  lastScanPlace: text("last_scan_place"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A member joined into an older one by /link (the person). Bronze keeps the member who sent each file;
 * silver reads a merged member's reports as the person's. Only the person has identities afterwards.
 */
export const memberMerges = app.table(
  "member_merges",
  {
    mergedMemberId: bigint("merged_member_id", { mode: "number" })
      .primaryKey()
      .references(() => members.id, { onDelete: "cascade" }),
    intoMemberId: bigint("into_member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    mergedAt: timestamp("merged_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.intoMemberId)],
);

/** One-time /link codes (only their sha256 is kept), each issued to one platform identity. */
export const linkCodes = app.table(
  "link_codes",
  {
    codeHash: text("code_hash").primaryKey(),
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    platformUserId: text("platform_user_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index().on(t.memberId, t.createdAt), index().on(t.platform, t.platformUserId)],
);

/** `/link CODE` tries per identity, for the wrong-code limit (no code is stored here). */
export const linkAttempts = app.table(
  "link_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    platformUserId: text("platform_user_id").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull(),
    succeeded: boolean("succeeded").notNull(),
  },
  (t) => [index().on(t.platform, t.platformUserId, t.attemptedAt)],
);

/**
 * What was read from a member's photo (or image-only PDF) and waits for the member's Save: the image and the
 * read (with the member's corrections) stay here, outside bronze, until then; an unanswered read expires.
 */
export const pendingPhotoReads = app.table(
  "pending_photo_reads",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    sha256: text("sha256").notNull(),
    bytes: bytea("bytes").notNull(),
    fileName: text("file_name"),
    mimeType: text("mime_type"),
    /** the canonical record as read, with the member's corrections applied */
    record: jsonb("record").notNull(),
    /** scanned_at of the record, copied out for the uniqueness rule (null while the date is unread) */
    scannedAt: text("scanned_at"),
    /** the record's keys the member typed */
    corrected: jsonb("corrected").notNull().default(sql`'[]'::jsonb`),
    /** the member pressed Fix: their next private message is read as corrections */
    fixing: boolean("fixing").notNull().default(false),
    platform: text("platform").notNull(),
    chatId: text("chat_id"),
    /** where the group hears about the scan once saved (a Discord channel; the chat itself on Telegram) */
    replyChatId: text("reply_chat_id"),
    messageId: text("message_id"),
    groupId: bigint("group_id", { mode: "number" }).references(() => groups.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("pending_photo_reads_file_once").on(t.memberId, t.sha256),
    uniqueIndex("pending_photo_reads_scan_once").on(t.memberId, t.scannedAt),
    index().on(t.expiresAt),
  ],
);
