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
  /** asked after each scan: fasted? trained today? usual time? (`/conditions off` stops it) */
  conditionsEnabled: boolean("conditions_enabled").notNull().default(true),
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
    /** the handler holding it renews this; once it passes, a redelivery handles the update again */
    leaseUntil: timestamp("lease_until", { withTimezone: true }).notNull().defaultNow(),
    /** null while started and not finished */
    doneAt: timestamp("done_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(1),
    /**
     * The update itself while it is not done, for platforms whose updates are confirmed as soon as they are
     * fetched (Telegram long polling): after a crash the next process resumes it from here. Cleared when done.
     */
    payload: jsonb("payload"),
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.updateKey] }),
    index("processed_updates_to_resume")
      .on(t.platform, t.leaseUntil)
      .where(sql`done_at is null and payload is not null`),
  ],
);

/**
 * Replies owed to a member after their update was handled: a file read later because the cage was busy
 * (`read_later`), or a refused file that a parser update could read (`reprocessed`, written by the CLI).
 * The running bot delivers them (src/jobs/pending-replies.ts).
 */
export const pendingReplies = app.table(
  "pending_replies",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    rawSha256: text("raw_sha256")
      .notNull()
      .references(() => rawFiles.sha256, { onDelete: "cascade" }),
    scanReportId: bigint("scan_report_id", { mode: "number" }).references(() => scanReports.id, {
      onDelete: "cascade",
    }),
    platform: text("platform").notNull(),
    chatId: text("chat_id").notNull(),
    userId: text("user_id"),
    inGroup: boolean("in_group").notNull(),
    groupId: bigint("group_id", { mode: "number" }).references(() => groups.id, { onDelete: "set null" }),
    messageId: text("message_id"),
    fileName: text("file_name"),
    mimeType: text("mime_type"),
    attempts: integer("attempts").notNull().default(0),
    notBefore: timestamp("not_before", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    outcome: text("outcome"),
  },
  (t) => [
    uniqueIndex("pending_replies_once").on(t.kind, t.memberId, t.rawSha256),
    index("pending_replies_due").on(t.notBefore).where(sql`delivered_at is null`),
  ],
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
  /** null for a file too large to keep: its size, name and type are recorded, with a `too_large` report */
  bytes: bytea("bytes"),
  sizeBytes: integer("size_bytes").notNull(),
  fileName: text("file_name"),
  mimeType: text("mime_type"),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Who sent a stored file, written with the file itself — before it is read, so a file that is never
 * read (busy, a crash or hang, a re-export of a scan already stored) still belongs to someone and /forget
 * finds it. Deleted with the file or the member.
 */
export const rawFileSenders = bronze.table(
  "raw_file_senders",
  {
    sha256: text("sha256")
      .notNull()
      .references(() => rawFiles.sha256, { onDelete: "cascade" }),
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    sourcePlatform: text("source_platform").notNull(),
    sourceChatId: text("source_chat_id"),
    sourceMessageId: text("source_message_id"),
    groupId: bigint("group_id", { mode: "number" }).references(() => groups.id, { onDelete: "set null" }),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.memberId] }), index().on(t.memberId)],
);

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

/** A group challenge: one running at a time per group; ended and cancelled ones stay for /challenge history. */
export const challenges = app.table(
  "challenges",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    groupId: bigint("group_id", { mode: "number" })
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    startsOn: date("starts_on").notNull(),
    /** exclusive: results are scans printed before this local date */
    endsOn: date("ends_on").notNull(),
    /** baselines are scans in the first entry_days days */
    entryDays: integer("entry_days").notNull().default(14),
    metric: text("metric").notNull().default("composite"),
    /** leaderboard | threshold */
    mode: text("mode").notNull().default("leaderboard"),
    /** threshold mode: the score an entrant must reach with a real change */
    threshold: doublePrecision("threshold"),
    /** running → ended | cancelled */
    status: text("status").notNull().default("running"),
    /** local date an admin ended or cancelled it (scans of that day still count) */
    stoppedOn: date("stopped_on"),
    /** the final post: null → not yet; claimed → sent | failed | unreachable (at most once, like summaries) */
    finishStatus: text("finish_status"),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("challenges_one_running_per_group").on(t.groupId).where(sql`status = 'running'`)],
);

export const challengeEntrants = app.table(
  "challenge_entrants",
  {
    challengeId: bigint("challenge_id", { mode: "number" })
      .notNull()
      .references(() => challenges.id, { onDelete: "cascade" }),
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.memberId] }), index().on(t.memberId)],
);

/** Private challenge messages (no_baseline, final_nudge, result), at most once per entrant and kind. */
export const challengeNotices = app.table(
  "challenge_notices",
  {
    challengeId: bigint("challenge_id", { mode: "number" })
      .notNull()
      .references(() => challenges.id, { onDelete: "cascade" }),
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    /** claimed → sent | unreachable | failed */
    status: text("status").notNull().default("claimed"),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.memberId, t.kind] })],
);

/** What a member said about the conditions of a scan (each answer optional); keyed by the stable scan_id. */
export const scanConditions = app.table(
  "scan_conditions",
  {
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    scanId: text("scan_id").notNull(),
    fasted: boolean("fasted"),
    trained: boolean("trained"),
    usualTime: boolean("usual_time"),
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.scanId] })],
);

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

/**
 * Which members and groups each pipeline run changed, with its transaction id: a full refresh building
 * beside the live tables rebuilds those its snapshot did not see before it swaps (pipeline/build.ts).
 * No foreign key: a forgotten member's entry must outlive the member, so the swap drops their rows too.
 */
export const modelChanges = app.table(
  "model_changes",
  {
    /** member | group */
    kind: text("kind").notNull(),
    key: bigint("key", { mode: "number" }).notNull(),
    xid: bigint("xid", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] })],
);
