// Every reply builder of bot/replies/, rendered for each platform that says it: the platform's words (no
// "group" or Telegram-only steps on Discord, no servers, DMs or Discord steps on Telegram) and valid markup
// (Telegram HTML as the stand-in Bot API parses it, balanced Discord Markdown). A new export of bot/replies
// fails here until it is listed, so no reply escapes the check.
import { describe, expect, it } from "vitest";
import type { Platform } from "../../../bot/commands.ts";
import * as announcements from "../../../bot/replies/announcements.ts";
import * as changes from "../../../bot/replies/changes.ts";
import * as link from "../../../bot/replies/link.ts";
import * as markup from "../../../bot/replies/markup.ts";
import { discordMarkdown, type Markup, telegramHtml } from "../../../bot/replies/markup.ts";
import * as messages from "../../../bot/replies/messages.ts";
import * as photoRead from "../../../bot/replies/photo-read.ts";
import * as progress from "../../../bot/replies/progress.ts";
import * as rejections from "../../../bot/replies/rejections.ts";
import * as scan from "../../../bot/replies/scan.ts";
import * as split from "../../../bot/replies/split.ts";
import type { LeaderboardRow } from "../../../src/db/queries/gold.ts";
import { SCAN_ERROR_CODES } from "../../../src/domain/scan-record.ts";
import type { GroupSettings } from "../../../src/use-cases/group-settings.ts";
import type { PhotoRead } from "../../../src/use-cases/photo-read-view.ts";
import type { WeeklySummary } from "../../../src/use-cases/weekly-summary.ts";
import { parseFormattedText } from "../../fakes/telegram/parse-mode.ts";
import { acceptedScan, history, NOISE } from "./builders.ts";

const rows = history([
  { at: "2026-01-05T07:30", values: { weight_kg: 90, body_fat_mass_kg: 25, body_fat_pct: 27.8 } },
  { at: "2026-02-02T07:30", values: { weight_kg: 88, body_fat_mass_kg: 23, body_fat_pct: 26.1 } },
]);
const first = acceptedScan(rows.slice(0, 1));
const second = acceptedScan(rows, {
  nameMismatch: { printed: "A. Silva", usual: "Ana <Silva>" },
  goals: [{ metric: "body_fat_mass_kg", target: 20, startValue: 25, reachedScanId: null } as never],
});
const progressOk = {
  kind: "ok" as const,
  chart: Buffer.from("png"),
  segmentsChart: null,
  focus: null,
  view: {
    memberId: 1,
    name: "Ana <Silva>",
    units: "kg" as const,
    period: "all" as const,
    history: rows,
    latest: rows[1]!,
    first: rows[0]!,
    previous: rows[0]!,
    goals: [],
    noise: NOISE,
    totalScans: 2,
  },
};
const aRead: PhotoRead = {
  id: 7,
  units: "kg",
  scannedAt: null,
  dateTyped: false,
  headline: [
    { metric: "weight_kg", value: 81.4, typed: true },
    { metric: "body_fat_pct", value: null, typed: false },
  ],
  otherUnread: 3,
};
const readAll: PhotoRead = { ...aRead, scannedAt: "2026-03-14T07:35", otherUnread: 0, headline: [] };
const boardRow = (name: string, rank: number): LeaderboardRow => ({
  memberId: rank,
  name,
  rank,
  tied: false,
  score: 5 - rank,
  withinNoise: false,
  scansInPeriod: 2,
  baselineAt: "2026-01-05T07:30",
  latestAt: "2026-02-02T07:30",
});
const board = {
  kind: "ok" as const,
  chart: null,
  view: {
    groupTitle: "Iron *Temple*",
    metric: "composite" as const,
    period: "all" as const,
    periodLabel: "since the first scan",
    rows: [boardRow("Ana", 1), boardRow("Ben_B", 2)],
    unranked: ["Cy"],
  },
};
const week: WeeklySummary = {
  groupId: 3,
  groupTitle: "Iron & Co",
  occurrence: {
    at: new Date("2026-03-09T08:00:00Z"),
    localDate: "2026-03-09",
    weekStart: "2026-03-09",
    window: { from: "2026-03-02T09:00", to: "2026-03-09T09:00" },
  },
  visibleMembers: 4,
  scanned: [
    {
      memberId: 1,
      name: "Ana",
      scans: 1,
      verdict: "real",
      real: [{ metric: "body_fat_mass_kg", label: "fat mass −8.1%", good: true, cls: "real" }],
    },
    { memberId: 3, name: "Cy", scans: 1, verdict: "first", real: [] },
  ],
  board: {
    metric: "composite",
    title: "Body composition score",
    shown: { metric: "composite", period: "all", ranks: {} },
  },
  movers: [{ memberId: 1, name: "Ana", from: 3, to: 1 }],
  goalsReached: [{ memberId: 1, name: "Ana", metrics: ["body_fat_mass_kg"] }],
  personalBests: [],
  dueRescan: [{ memberId: 4, name: "Dee", days: 35 }],
  quiet: false,
};
const settings: GroupSettings = {
  id: 1,
  platform: "telegram",
  platformChatId: "-100",
  title: "Iron <Temple>",
  timeZone: null,
  leaderboardMetric: "composite",
  challengeStart: "2026-01-05",
  summaryEnabled: true,
  summaryWeekday: 1,
  summaryTime: "09:00",
};
const chosen = { chosenPlace: "123456789012345678", lastScanPlace: "223456789012345678" };
const lastOnly = { chosenPlace: null, lastScanPlace: "223456789012345678" };

type Render = (m: Markup, platform: Platform) => string[];

/** Builders both bots use: rendered for Telegram and for Discord. */
const SHARED: Record<string, Render> = {
  helpText: (m, p) => [
    messages.helpText(m, p, true),
    messages.helpText(m, p, false),
    messages.helpText(m, p, true, { seesEveryPost: false }),
  ],
  goalText: (m) => [
    messages.goalText(
      { kind: "set", metric: "body_fat_mass_kg", target: 20, startValue: 23, units: "kg" },
      m,
    ),
    messages.goalText({ kind: "cleared", metric: "weight_kg" }, m),
    ...(["metric", "target", "implausible"] as const).map((reason) =>
      messages.goalText({ kind: "invalid", reason }, m),
    ),
  ],
  unitsText: () => [
    messages.unitsText({ kind: "set", units: "lb" }),
    messages.unitsText({ kind: "invalid" }),
  ],
  visibilityText: (_m, p) => [
    messages.visibilityText({ kind: "not_a_group" }, p),
    messages.visibilityText({ kind: "done", hidden: true }, p),
    messages.visibilityText({ kind: "done", hidden: false }, p),
  ],
  exportText: () => [messages.exportText(0), messages.exportText(3)],
  photoReadText: (m) =>
    (["new", "again", "corrected"] as const).flatMap((opening) => [
      photoRead.photoReadText(aRead, m, opening),
      photoRead.photoReadText(readAll, m, opening),
    ]),
  fixPrompt: (m) => [photoRead.fixPrompt(aRead, m)],
  correctionReply: (m) => [
    photoRead.correctionReply({ kind: "not_understood", part: "fatt 18", read: aRead }, m),
    photoRead.correctionReply({ kind: "not_understood", part: null, read: aRead }, m),
    photoRead.correctionReply({ kind: "implausible", metric: "weight_kg", read: aRead }, m),
    photoRead.correctionReply({ kind: "conflict", keys: ["body_fat_pct"], read: aRead }, m),
    photoRead.correctionReply({ kind: "conflict", keys: ["weight_kg"], read: aRead }, m),
  ],
  saveNeedsText: (m) => [photoRead.saveNeedsText(["date", "weight_kg"], m)],
  photoReadGone: () => [photoRead.photoReadGone()],
  PHOTO_READ_NOT_YOURS: () => [photoRead.PHOTO_READ_NOT_YOURS],
  PHOTO_READ_SAVED: () => [photoRead.PHOTO_READ_SAVED],
  PHOTO_READ_BUTTONS: () => Object.values(photoRead.PHOTO_READ_BUTTONS),
  linkCodeText: (m, p) => [
    link.linkCodeText({ kind: "code", code: "K7QX-M2PD", validMinutes: 10 } as never, m, p),
    link.linkCodeText({ kind: "too_many_codes", perHour: 5 } as never, m, p),
  ],
  linkText: (_m, p) =>
    (
      [
        { kind: "linked", platforms: ["telegram", "discord"] },
        { kind: "wrong" },
        { kind: "expired" },
        { kind: "too_many_tries", minutes: 10 },
        { kind: "same_person" },
        { kind: "platform_taken", platform: "discord" },
      ] as const
    ).map((r) => link.linkText(r as never, p)),
  unlinkText: () => [
    link.unlinkText({ kind: "unlinked", platform: "discord" } as never),
    link.unlinkText({ kind: "not_linked" }),
  ],
  forgetLinkedNote: (m) => [link.forgetLinkedNote(["discord"], m), link.forgetLinkedNote(["telegram"], m)],
  FORGET_CONFIRM: () => [messages.FORGET_CONFIRM],
  FORGET_BUTTONS: () => Object.values(messages.FORGET_BUTTONS),
  forgottenText: () => [
    messages.forgottenText({ scans: 0, rawFiles: 0 }),
    messages.forgottenText({ scans: 2, rawFiles: 1 }),
  ],
  settingsText: (m, p) => [
    messages.settingsText(settings, m, "UTC", { platform: p, destination: null }),
    messages.settingsText(settings, m, "UTC", { platform: p, destination: chosen }),
    messages.settingsText(settings, m, "UTC", { platform: p, destination: lastOnly }),
  ],
  summaryPlaceChosenText: (_m, p) => [
    messages.summaryPlaceChosenText(p, p === "discord" ? chosen.chosenPlace : "42"),
    messages.summaryPlaceChosenText(p, null),
  ],
  settingChangedText: () => [messages.settingChangedText("metric")],
  settingInvalidText: (m) => [
    messages.settingInvalidText("tz", "timezone", m),
    messages.settingInvalidText("<colour>", null, m),
  ],
  settingNeedsValue: (m) => [messages.settingNeedsValue("day", m)],
  SORRY: () => [messages.SORRY],
  NOT_A_PDF_IN_PRIVATE: () => [messages.NOT_A_PDF_IN_PRIVATE],
  TOO_BIG: () => [messages.TOO_BIG],
  remindersText: () => [
    messages.remindersText({ kind: "set", on: true }),
    messages.remindersText({ kind: "set", on: false }),
    messages.remindersText({ kind: "invalid" }),
  ],
  FORGET_CANCELLED: () => [messages.FORGET_CANCELLED],
  BUTTON_EXPIRED: () => [messages.BUTTON_EXPIRED],
  unknownTextInPrivate: () => [messages.unknownTextInPrivate()],
  announcementText: (m) => [
    announcements.announcementText({ kind: "weekly_summary", summary: week, late: true, chart: null }, m),
    announcements.announcementText({ kind: "rescan_reminder", name: "Ana <3", daysSinceLastScan: 35 }, m),
  ],
  weeklySummaryText: (m) => [
    announcements.weeklySummaryText(week, m),
    announcements.weeklySummaryText({ ...week, scanned: [], movers: [], goalsReached: [], quiet: true }, m),
  ],
  rescanReminderText: (m) => [
    announcements.rescanReminderText(m, { name: "Ben & Co", daysSinceLastScan: 60 }),
  ],
  changeBullets: () =>
    changes.changeBullets(rows[1]!.changes.map((c) => changes.changeAmount(c, "prev", "kg"))),
  progressText: (m) => [progress.progressText(progressOk, m)],
  noScansText: () => [progress.noScansText()],
  leaderboardText: (m) => [progress.leaderboardText(board, m)],
  badPeriodText: (m) => [
    progress.badPeriodText("<week>", m, "progress"),
    progress.badPeriodText("week", m, "leaderboard"),
  ],
  badMetricText: (m, p) => [progress.badMetricText("<speed>", m, p)],
  rejectedText: (m) => SCAN_ERROR_CODES.map((code) => rejections.rejectedText(code, m)),
  scanDetails: (m) => [scan.scanDetails(first, m), scan.scanDetails(second, m)],
  scanGroupSummary: (m) => [
    scan.scanGroupSummary(first, m, "Ana <Silva>"),
    scan.scanGroupSummary(second, m, "Ana"),
  ],
  goalLines: () => scan.goalLines(second.goals, "kg"),
  duplicateText: () =>
    (["same_file", "same_scan"] as const).flatMap((reason) =>
      [true, false].map((ownedByOther) =>
        scan.duplicateText({
          kind: "duplicate",
          reason,
          memberId: 1,
          ownedByOther,
          scanId: "s",
          scannedAt: "2026-02-02T07:30",
        }),
      ),
    ),
  nameMismatchQuestion: (m) => [scan.nameMismatchQuestion(second, m)],
  NAME_MISMATCH_BUTTONS: () => Object.values(scan.NAME_MISMATCH_BUTTONS),
  ownershipAnswer: () => (["kept", "removed", "not_yours_to_answer"] as const).map(scan.ownershipAnswer),
};

/** Builders only one bot uses. */
const ONLY: Record<string, { platform: Platform; render: (m: Markup) => string[] }> = {
  startText: {
    platform: "telegram",
    render: (m) => [messages.startText(m, "Ana", 0), messages.startText(m, "Ana", 2)],
  },
  ADMINS_ONLY: { platform: "telegram", render: () => [messages.ADMINS_ONLY] },
  GROUP_ONLY: { platform: "telegram", render: () => [messages.GROUP_ONLY] },
  NO_TOPICS: { platform: "telegram", render: () => [messages.NO_TOPICS] },
  SENT_PRIVATELY: { platform: "telegram", render: () => [messages.SENT_PRIVATELY] },
  exportNeedsPrivateChat: {
    platform: "telegram",
    render: (m) => [messages.exportNeedsPrivateChat(m, "pump_bot"), messages.exportNeedsPrivateChat(m, null)],
  },
  FORGET_IN_PROGRESS: { platform: "telegram", render: () => [messages.FORGET_IN_PROGRESS] },
  ONLY_FOR_THE_ASKER: { platform: "telegram", render: () => [messages.ONLY_FOR_THE_ASKER] },
  goalSetPrivately: {
    platform: "telegram",
    render: (m) => {
      const set = { kind: "set", metric: "weight_kg", target: 80, startValue: 88, units: "kg" } as const;
      return [
        messages.goalSetPrivately(set, true, m, "pump_bot"),
        messages.goalSetPrivately(set, false, m, null),
      ];
    },
  },
  welcomeToGroup: {
    platform: "telegram",
    render: (m) => [messages.welcomeToGroup(m, true), messages.welcomeToGroup(m, false)],
  },
  POST_AS_YOURSELF: { platform: "telegram", render: () => [messages.POST_AS_YOURSELF] },
  progressGroupText: { platform: "telegram", render: (m) => [progress.progressGroupText(progressOk, m)] },
  LEADERBOARD_IN_GROUP: { platform: "telegram", render: () => [progress.LEADERBOARD_IN_GROUP] },
  privateHint: {
    platform: "telegram",
    render: (m) => [
      scan.privateHint(m, "pump_bot", true),
      scan.privateHint(m, "pump_bot", false),
      scan.privateHint(m, null, false),
    ],
  },
  linkCodeNeedsPrivateChat: {
    platform: "telegram",
    render: (m) => [link.linkCodeNeedsPrivateChat(m, "pump_bot"), link.linkCodeNeedsPrivateChat(m, null)],
  },
  photoReadInGroup: {
    platform: "telegram",
    render: (m) => [
      photoRead.photoReadInGroup(m, "sent", "pump_bot"),
      photoRead.photoReadInGroup(m, "unreachable", "pump_bot"),
      photoRead.photoReadInGroup(m, "unreachable", null),
    ],
  },
  photoReadInServer: {
    platform: "discord",
    render: (m) => [photoRead.photoReadInServer(m, "dm"), photoRead.photoReadInServer(m, "dms_closed")],
  },
  FIX_IN_DMS: { platform: "discord", render: () => [photoRead.FIX_IN_DMS] },
  FIX_NEEDS_DMS: { platform: "discord", render: () => [photoRead.FIX_NEEDS_DMS] },
  postingNeedsMention: { platform: "discord", render: (m) => [messages.postingNeedsMention(m)] },
  CHANNEL_NEEDED: { platform: "discord", render: () => [messages.CHANNEL_NEEDED] },
  ADMINS_ONLY_DISCORD: { platform: "discord", render: () => [messages.ADMINS_ONLY_DISCORD] },
  GROUP_ONLY_DISCORD: { platform: "discord", render: () => [messages.GROUP_ONLY_DISCORD] },
  UNKNOWN_COMMAND: { platform: "discord", render: () => [messages.UNKNOWN_COMMAND] },
  HOW_TO_SCAN_DISCORD: { platform: "discord", render: () => [messages.HOW_TO_SCAN_DISCORD] },
  detailsWhere: {
    platform: "discord",
    render: (m) => (["dm", "only_you", "dms_closed"] as const).map((w) => messages.detailsWhere(m, w)),
  },
};

/** Exports that are not sentences to a member in a chat (formatting, rules, pieces, the CLI's line). */
const NOT_CHAT_REPLIES = new Set([
  "telegramHtml",
  "discordMarkdown",
  "plainText",
  "plural",
  "splitText",
  "HEADLINE_METRICS",
  "changeAmount",
  "relativeAmount",
  "announcementImage",
  "answerRejectionInGroup",
  "REJECTION_MESSAGES", // worded through rejectedText (chats) and rejectionLine (pump parse)
  "rejectionLine",
  "platformName",
]);

const MODULES = {
  announcements,
  changes,
  link,
  markup,
  messages,
  photoRead,
  progress,
  rejections,
  scan,
  split,
};

/** Linking is about both platforms: these builders (and /link's line in /help) name them on purpose. */
const NAMES_PLATFORMS = new Set(["linkCodeText", "linkText", "unlinkText", "forgetLinkedNote"]);

function withoutPlatformNames(name: string, text: string): string {
  const t = text.replace(/Telegram and Discord accounts/g, "");
  return NAMES_PLATFORMS.has(name) ? t.replace(/\b(Telegram|Discord)\b/g, "") : t;
}

const MARKUP: Record<Platform, Markup> = { telegram: telegramHtml, discord: discordMarkdown };

/** Words a member of that platform must never read. */
const FOREIGN_WORDS: Record<Platform, RegExp[]> = {
  discord: [
    /\bgroups?\b/i,
    /telegram/i,
    /botfather/i,
    /privacy mode/i,
    /press start/i,
    /\/start\b/,
    /\btopics?\b/i,
  ],
  telegram: [
    /\bservers?\b/i,
    /\bDMs?\b/,
    /discord/i,
    /manage server/i,
    /\/scan\b/,
    /developer portal/i,
    /@mention/i,
  ],
};

function rendered(platform: Platform): { name: string; text: string }[] {
  const m = MARKUP[platform];
  const shared = Object.entries(SHARED).flatMap(([name, render]) =>
    render(m, platform).map((text) => ({ name, text })),
  );
  const own = Object.entries(ONLY)
    .filter(([, b]) => b.platform === platform)
    .flatMap(([name, b]) => b.render(m).map((text) => ({ name, text })));
  return [...shared, ...own];
}

/** Discord Markdown: bold and italic markers pair up once escaped characters are set aside. */
function discordMarkupProblem(text: string): string | null {
  const bare = text.replace(/\\./g, "").replace(/<#\d+>/g, "");
  const bold = bare.split("**").length - 1;
  if (bold % 2 !== 0) return "unpaired **";
  if ((bare.replaceAll("**", "").match(/\*/g)?.length ?? 0) % 2 !== 0) return "unpaired *";
  if (/<\/?[bi]>/.test(text)) return "HTML tags";
  return null;
}

describe("every reply builder of bot/replies/", () => {
  it("is rendered here (shared, one platform's, or not a chat reply)", () => {
    const listed = new Set([...Object.keys(SHARED), ...Object.keys(ONLY), ...NOT_CHAT_REPLIES]);
    const missing = Object.entries(MODULES).flatMap(([module, exports]) =>
      Object.keys(exports)
        .filter((name) => !listed.has(name))
        .map((name) => `${module}.${name}`),
    );
    expect(missing).toEqual([]);
  });

  for (const platform of ["telegram", "discord"] as const) {
    it(`speaks ${platform}'s words only`, () => {
      const wrong = rendered(platform).flatMap(({ name, text }) =>
        FOREIGN_WORDS[platform]
          .filter((w) => w.test(withoutPlatformNames(name, text)))
          .map((w) => `${name}: ${w} in ${JSON.stringify(text)}`),
      );
      expect(wrong).toEqual([]);
    });

    it(`writes valid ${platform === "telegram" ? "Telegram HTML" : "Discord Markdown"}`, () => {
      const broken = rendered(platform).flatMap(({ name, text }) => {
        if (platform === "telegram") {
          try {
            parseFormattedText(text, "HTML");
            return [];
          } catch (error) {
            return [`${name}: ${(error as Error).message} in ${JSON.stringify(text)}`];
          }
        }
        const problem = discordMarkupProblem(text);
        return problem ? [`${name}: ${problem} in ${JSON.stringify(text)}`] : [];
      });
      expect(broken).toEqual([]);
    });
  }
});
