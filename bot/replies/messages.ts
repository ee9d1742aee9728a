// Short answers to commands: help, start, goals, units, visibility, export, forget, settings, errors —
// and the few lines only one platform says (Telegram's anonymous senders, Discord's DMs).

import { formatValue, METRIC_INFO, type TrackedMetric } from "../../src/domain/metrics.ts";
import type { Forgotten } from "../../src/use-cases/forget-member.ts";
import {
  type GroupSettings,
  SETTING_KEYS,
  type SettingKey,
  weekdayName,
} from "../../src/use-cases/group-settings.ts";
import { BOARD_METRIC_INFO, BOARD_METRICS, type BoardMetric } from "../../src/use-cases/periods.ts";
import type { SetGoalResult } from "../../src/use-cases/set-goal.ts";
import type { SetRemindersResult } from "../../src/use-cases/set-reminders.ts";
import type { SetUnitsResult } from "../../src/use-cases/set-units.ts";
import type { SetVisibilityResult } from "../../src/use-cases/set-visibility.ts";
import type { GroupDestination } from "../../src/use-cases/summary-destination.ts";
import { commandsFor, GROUP_WORD, PLACE_SETTING, type Platform } from "../commands.ts";
import { type Markup, plural } from "./markup.ts";

export function helpText(
  m: Markup,
  platform: Platform,
  inGroup: boolean,
  /** Discord: the Message Content intent is granted, so every post in a channel is seen */
  options: { seesEveryPost?: boolean } = {},
): string {
  const group = GROUP_WORD[platform];
  const lines = [
    `💪 ${m.bold("Ronald Pump")} turns your Evolt 360 body scans into an honest record of progress.`,
    "",
    `${m.bold("Send a scan:")} ${howToSend(platform, options.seesEveryPost ?? true)}`,
    "I read every number, tell you what really changed (and what is just day-to-day noise), and chart it.",
    "No PDF? Send a photo or screenshot of the printed sheet: I show you what I read, and save it only when you tap Save.",
    "",
    m.bold("Commands:"),
  ];
  for (const c of commandsFor(platform))
    lines.push(
      `/${c.name}${c.usage ? ` ${m.escape(c.usage)}` : ""} — ${c.description}${c.adminOnly ? " (admins)" : ""}`,
    );
  lines.push(
    "",
    m.bold("Privacy:"),
    `In a ${group} I only share relative changes; exact numbers go to you privately. /hide takes you off a ${group}'s board, /forget deletes everything.`,
  );
  if (platform === "telegram") {
    lines.push(
      "",
      m.bold("Group admins:"),
      "Telegram only shows me PDFs posted in a group if my privacy mode is off (BotFather → /setprivacy → Disable) or I am a group admin. In a group with topics, /settings topic sent inside a topic makes the weekly summary go there.",
    );
  } else if (inGroup) {
    lines.push(
      "",
      m.bold("Server admins:"),
      options.seesEveryPost === false
        ? `${CONTENT_HIDDEN} ${m.escape(CONTENT_FIX)}`
        : "I read PDFs posted in any channel I can see; /scan always works. /settings channel picks the channel for the weekly summary.",
    );
  }
  return lines.join("\n");
}

function howToSend(platform: Platform, seesEveryPost: boolean): string {
  if (platform === "telegram") return "drop the PDF from the Evolt Active app into this chat.";
  return seesEveryPost
    ? "post the PDF from the Evolt Active app in the server (or DM it to me), or use /scan and attach it."
    : "use /scan and attach the PDF from the Evolt Active app, or post it with an @mention of me (or as a reply to one of my messages); in DMs just send it.";
}

const CONTENT_HIDDEN =
  "Discord only shows me posts in this server that @mention me or reply to me, so post a scan with an @mention, as a reply to me, or with /scan.";
const CONTENT_FIX =
  "To let me see every posted PDF, the bot's owner turns on Developer Portal → Bot → Message Content Intent.";

/** Discord, in the first reply in a server when the Message Content intent is off. */
export function postingNeedsMention(m: Markup): string {
  return m.italic(`${CONTENT_HIDDEN} ${m.escape(CONTENT_FIX)}`);
}

export function startText(m: Markup, name: string, scans: number): string {
  const hello = `👋 Hi ${m.escape(name)}! I'm Ronald Pump.`;
  return scans > 0
    ? `${hello} I have ${plural(scans, "scan")} of yours. Send /progress for your chart, or drop your next scan PDF here.`
    : `${hello} Send me the PDF of your Evolt 360 scan and I'll read every number and track your progress. Send /help for everything I can do.`;
}

export function goalText(r: SetGoalResult, m: Markup): string {
  switch (r.kind) {
    case "set": {
      const metric = r.metric as TrackedMetric;
      const from = r.startValue != null ? ` (now ${formatValue(metric, r.startValue, r.units)})` : "";
      return `🎯 Goal set: ${METRIC_INFO[metric].label} ${m.bold(formatValue(metric, r.target, r.units))}${from}. I'll tell you when a scan gets you there.`;
    }
    case "cleared":
      return `Goal for ${METRIC_INFO[r.metric as TrackedMetric].label} removed.`;
    case "invalid":
      if (r.reason === "metric")
        return "Which number? Try /goal fat 12, /goal weight 75, /goal muscle 38 or /goal bf 15 (and /goal fat off to remove it).";
      if (r.reason === "implausible")
        return "That target looks out of range for a person — check the number and your units (/units kg|lb).";
      return "I need a target number, e.g. /goal fat 12.";
  }
}

export function unitsText(r: SetUnitsResult): string {
  return r.kind === "set" ? `Done — I'll show masses in ${r.units}.` : "Use /units kg or /units lb.";
}

export function visibilityText(r: SetVisibilityResult, platform: Platform): string {
  const group = GROUP_WORD[platform];
  if (r.kind === "not_a_group")
    return `This works in a ${group}: it takes you off (or back onto) that ${group}'s leaderboard.`;
  return r.hidden
    ? `🙈 You're off this ${group}'s leaderboard and its Sheet tab. Your scans are still yours — /show brings you back.`
    : `👀 You're back on this ${group}'s leaderboard.`;
}

export function exportText(scans: number): string {
  return scans === 0
    ? "You have no scans to export yet."
    : `📎 Here are your ${plural(scans, "scan")} as a CSV (kg, cm, %).`;
}

export const FORGET_CONFIRM =
  "⚠️ This deletes everything I know about you: your scan files, every number read from them, your goals, your places on leaderboards and your rows in the shared Sheet. It cannot be undone.";
export const FORGET_BUTTONS = { confirm: "Delete everything", cancel: "Cancel" } as const;

export function forgottenText(r: Forgotten): string {
  return r.scans === 0 && r.rawFiles === 0
    ? "Done — I had nothing stored about you."
    : `🗑️ Done. I deleted ${plural(r.scans, "scan")} and ${plural(r.rawFiles, "file")}. If you send a scan again, you start fresh.`;
}

/** Where the weekly summary goes, as /settings shows it (Discord channel / Telegram topic). */
export interface SummaryPlaceView {
  platform: Platform;
  destination: GroupDestination | null;
}

export function settingsText(
  g: GroupSettings,
  m: Markup,
  defaultTimeZone: string,
  where: SummaryPlaceView = { platform: "telegram", destination: null },
): string {
  const metric = BOARD_METRIC_INFO[g.leaderboardMetric as BoardMetric]?.title ?? g.leaderboardMetric;
  const placeKey = PLACE_SETTING[where.platform];
  const examples =
    where.platform === "discord"
      ? "/settings channel #scans"
      : "/settings topic (sent inside a topic of a group with topics)";
  return [
    `⚙️ ${m.bold(`Settings for ${m.escape(g.title)}`)}`,
    `• leaderboard metric: ${m.bold(metric)} (metric)`,
    `• challenge start: ${m.bold(g.challengeStart ?? "none")} (challenge)`,
    `• weekly summary: ${m.bold(g.summaryEnabled ? `${weekdayName(g.summaryWeekday)} ${g.summaryTime}` : "off")} (summary, day, time)`,
    `• summary goes to: ${summaryPlaceWords(where, m)} (${placeKey})`,
    `• time zone: ${m.bold(g.timeZone ?? `${defaultTimeZone} (default)`)} (timezone)`,
    "",
    `Change one with e.g. /settings metric fat, /settings challenge 2026-01-05, /settings day friday, /settings time 18:30, /settings timezone Europe/London, /settings summary off, ${examples}.`,
  ].join("\n");
}

function summaryPlaceWords({ platform, destination }: SummaryPlaceView, m: Markup): string {
  const chosen = destination?.chosenPlace ?? null;
  if (platform === "telegram")
    return chosen ? m.bold("the topic chosen with /settings topic") : m.bold("the General topic");
  if (chosen) return `<#${chosen}>`;
  const last = destination?.lastScanPlace ?? null;
  return last
    ? `<#${last}> ${m.italic("(where scans were last posted)")}`
    : m.bold("the channel where scans are posted");
}

/** After `/settings channel` (Discord) or `/settings topic` (Telegram). */
export function summaryPlaceChosenText(platform: Platform, chosen: string | null): string {
  if (platform === "discord")
    return chosen
      ? `✅ The weekly summary goes to <#${chosen}> from now on.`
      : "✅ The weekly summary goes back to the channel where scans are posted.";
  return chosen
    ? "✅ The weekly summary goes to this topic from now on."
    : "✅ The weekly summary goes to the General topic from now on.";
}

/** Discord: `/settings channel` without a channel. */
export const CHANNEL_NEEDED =
  "Pick the channel too: /settings setting:channel channel:#scans (or value off to go back to the channel where scans are posted).";
/** Telegram: `/settings topic` in a group without topics. */
export const NO_TOPICS = "This group has no topics, so the weekly summary goes to the group's chat.";

export function settingChangedText(key: string): string {
  return `✅ Updated ${key}.`;
}

const SETTING_HINTS: Record<SettingKey, string> = {
  metric: `one of: ${BOARD_METRICS.join(", ")}`,
  challenge: "a date like 2026-01-05, or off",
  summary: "on or off",
  day: "a weekday like monday",
  time: "a 24-hour time like 09:00",
  timezone: "an IANA time zone like Europe/London or Asia/Singapore",
};

export function settingInvalidText(key: string, setting: SettingKey | null, m: Markup): string {
  const hint = setting ? SETTING_HINTS[setting] : `a setting: ${SETTING_KEYS.join(", ")}`;
  return `That value doesn't work for ${m.escape(key)} — use ${m.escape(hint)}.`;
}

export const ADMINS_ONLY = "Only group admins can change the settings.";
/** Discord: who counts as an admin there */
export const ADMINS_ONLY_DISCORD = "Only server admins (Manage Server permission) can change the settings.";

export function settingNeedsValue(key: string, m: Markup): string {
  return m.italic(`Give a value for ${m.escape(key)} too.`);
}

export const GROUP_ONLY = "This command works in a group chat.";
/** Discord: a server command used in a DM */
export const GROUP_ONLY_DISCORD = "This command works in a server, not in DMs.";
export const SORRY =
  "😓 Sorry, something went wrong on my side. Your message is safe — please try again in a minute.";
export const NOT_A_PDF_IN_PRIVATE =
  "That isn't a PDF. Send the PDF of your Evolt 360 scan (from the Evolt Active app: open the scan → share/download the PDF).";
export const TOO_BIG =
  "That file is too big for me to download (chat platforms stop at 20 MB). An Evolt scan PDF is much smaller — is it the right file?";

export function remindersText(r: SetRemindersResult): string {
  if (r.kind === "invalid") return "Use /reminders on or /reminders off.";
  return r.on
    ? "⏰ Reminders on — I'll nudge you privately when it's time for your next scan."
    : "🔕 Reminders off. /reminders on brings them back.";
}

export const SENT_PRIVATELY = "📬 Sent to you in our private chat.";

export function exportNeedsPrivateChat(m: Markup, botUsername: string | null): string {
  const where = botUsername ? m.bold(`@${botUsername}`) : "me";
  return `Your export holds exact body numbers, so it only goes to our private chat. Open a private chat with ${where}, press Start, then send /export there.`;
}

export const FORGET_CANCELLED = "Cancelled — nothing was deleted.";
export const FORGET_IN_PROGRESS = "Deleting…";
export const ONLY_FOR_THE_ASKER = "This question is for the person who asked.";
/** a button of a message from an older version, or pressed after the message changed */
export const BUTTON_EXPIRED = "This button has expired.";
/** Discord: a slash command registered by an older version */
export const UNKNOWN_COMMAND = "I don't know that command any more — try /help.";

export function goalSetPrivately(
  r: SetGoalResult,
  reached: boolean,
  m: Markup,
  botUsername: string | null,
): string {
  if (r.kind === "invalid") return goalText(r, m);
  if (reached)
    return r.kind === "set" ? "🎯 Goal saved — the details are in our private chat." : "Goal removed.";
  const where = botUsername ? `@${botUsername}` : "me";
  return r.kind === "set"
    ? `🎯 Goal saved. Targets are body numbers, so I keep them out of the group — open a private chat with ${where} and press Start to see yours.`
    : "Goal removed.";
}

export function unknownTextInPrivate(): string {
  return "Send me the PDF of your Evolt 360 scan (or a photo of the sheet) and I'll read it — or /help for everything I can do.";
}

export function welcomeToGroup(m: Markup, canSeeDocuments: boolean): string {
  const lines = [
    `👋 ${m.bold("Ronald Pump here.")} Drop your Evolt 360 scan PDFs in this chat and I'll track everyone's progress — relative changes here, exact numbers privately.`,
  ];
  if (!canSeeDocuments)
    lines.push(
      "",
      "⚠️ Right now Telegram hides ordinary messages from me, so I can't see your PDFs. An admin can fix that: make me a group admin, or turn my privacy mode off (BotFather → /setprivacy → Disable, then remove and re-add me).",
    );
  lines.push("", "Send /help for everything I can do.");
  return lines.join("\n");
}

/** Telegram: anonymous group admins and channel posts have no person behind them to file a scan under. */
export const POST_AS_YOURSELF =
  "I file every scan under the person who sends it, and this one came in anonymously (or as a channel). Please send it as yourself — here with anonymity off, or in a private chat with me.";

/** Discord: a message that mentions the bot without a PDF. */
export const HOW_TO_SCAN_DISCORD =
  "Send me the PDF of your Evolt 360 scan (attach it here, or use /scan). /help shows everything I can do.";

/** Discord, after a scan posted in a server: where the exact numbers went. */
export function detailsWhere(m: Markup, where: "dm" | "only_you" | "dms_closed"): string {
  switch (where) {
    case "dm":
      return m.italic("Exact numbers and your chart are in your DMs.");
    case "only_you":
      return m.italic("Only you can see these exact numbers and this chart.");
    case "dms_closed":
      return m.italic(
        "I keep exact body numbers out of the server, and your DMs are closed to me — use /progress here to see yours (only you will see the answer).",
      );
  }
}
