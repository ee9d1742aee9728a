// Short answers to commands: help, start, goals, units, visibility, export, forget, settings, errors.

import type { GroupRow } from "../../src/db/queries/people.ts";
import { formatValue, METRIC_INFO, type TrackedMetric } from "../../src/domain/metrics.ts";
import { weekdayName } from "../../src/use-cases/group-settings.ts";
import type { SetGoalResult } from "../../src/use-cases/member-settings.ts";
import { BOARD_METRIC_INFO, type BoardMetric } from "../../src/use-cases/periods.ts";
import { COMMANDS, type CommandSpec } from "../commands.ts";
import { type Markup, plural } from "./markup.ts";

export function helpText(m: Markup, platform: "telegram" | "discord", inGroup: boolean): string {
  const lines = [
    `💪 ${m.bold("Ronald Pump")} turns your Evolt 360 body scans into an honest record of progress.`,
    "",
    platform === "telegram"
      ? `${m.bold("Send a scan:")} drop the PDF from the Evolt Active app into this chat.`
      : `${m.bold("Send a scan:")} use /scan and attach the PDF from the Evolt Active app.`,
    "I read every number, tell you what really changed (and what is just day-to-day noise), and chart it.",
    "",
    m.bold("Commands:"),
  ];
  const visible = COMMANDS.filter((c: CommandSpec) => !c.platforms || c.platforms.includes(platform));
  for (const c of visible)
    lines.push(
      `/${c.name}${c.usage ? ` ${m.escape(c.usage)}` : ""} — ${c.description}${c.adminOnly ? " (admins)" : ""}`,
    );
  lines.push(
    "",
    m.bold("Privacy:"),
    "In groups I only share relative changes; exact numbers go to you privately. /hide takes you off a group's board, /forget deletes everything.",
  );
  if (platform === "telegram") {
    lines.push(
      "",
      m.bold("Group admins:"),
      "Telegram only shows me PDFs posted in a group if my privacy mode is off (BotFather → /setprivacy → Disable) or I am a group admin.",
    );
  } else if (inGroup) {
    lines.push(
      "",
      m.bold("Server admins:"),
      "PDFs attached to ordinary messages work only if the bot's Message Content intent is enabled; /scan always works.",
    );
  }
  return lines.join("\n");
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

export function unitsText(r: { kind: "set"; units: string } | { kind: "invalid" }): string {
  return r.kind === "set" ? `Done — I'll show masses in ${r.units}.` : "Use /units kg or /units lb.";
}

export function visibilityText(r: { kind: "not_a_group" } | { kind: "done"; hidden: boolean }): string {
  if (r.kind === "not_a_group")
    return "This works in a group: it takes you off (or back onto) that group's leaderboard.";
  return r.hidden
    ? "🙈 You're off this group's leaderboard and its Sheet tab. Your scans are still yours — /show brings you back."
    : "👀 You're back on this group's leaderboard.";
}

export function exportText(scans: number): string {
  return scans === 0
    ? "You have no scans to export yet."
    : `📎 Here are your ${plural(scans, "scan")} as a CSV (kg, cm, %).`;
}

export const FORGET_CONFIRM =
  "⚠️ This deletes everything I know about you: your scan files, every number read from them, your goals, your places on leaderboards and your rows in the shared Sheet. It cannot be undone.";
export const FORGET_BUTTONS = { confirm: "Delete everything", cancel: "Cancel" } as const;

export function forgottenText(r: { scans: number; rawFiles: number }): string {
  return r.scans === 0 && r.rawFiles === 0
    ? "Done — I had nothing stored about you."
    : `🗑️ Done. I deleted ${plural(r.scans, "scan")} and ${plural(r.rawFiles, "file")}. If you send a scan again, you start fresh.`;
}

export function settingsText(g: GroupRow, m: Markup, defaultTimeZone: string): string {
  const metric = BOARD_METRIC_INFO[g.leaderboardMetric as BoardMetric]?.title ?? g.leaderboardMetric;
  return [
    `⚙️ ${m.bold(`Settings for ${m.escape(g.title)}`)}`,
    `• leaderboard metric: ${m.bold(metric)} (metric)`,
    `• challenge start: ${m.bold(g.challengeStart ?? "none")} (challenge)`,
    `• weekly summary: ${m.bold(g.summaryEnabled ? `${weekdayName(g.summaryWeekday)} ${g.summaryTime}` : "off")} (summary, day, time)`,
    `• time zone: ${m.bold(g.timeZone ?? `${defaultTimeZone} (default)`)} (timezone)`,
    "",
    "Change one with e.g. /settings metric fat, /settings challenge 2026-01-05, /settings day friday, /settings time 18:30, /settings timezone Europe/London, /settings summary off.",
  ].join("\n");
}

export function settingChangedText(key: string): string {
  return `✅ Updated ${key}.`;
}

export function settingInvalidText(key: string, hint: string, m: Markup): string {
  return `That value doesn't work for ${m.escape(key)} — use ${m.escape(hint)}.`;
}

export const ADMINS_ONLY = "Only group admins can change the settings.";
export const GROUP_ONLY = "This command works in a group chat.";
export const SORRY =
  "😓 Sorry, something went wrong on my side. Your message is safe — please try again in a minute.";
export const WORKING_ON_IT = "Reading your scan…";
export const NOT_A_PDF_IN_PRIVATE =
  "That isn't a PDF. Send the PDF of your Evolt 360 scan (from the Evolt Active app: open the scan → share/download the PDF).";
export const TOO_BIG =
  "That file is too big for me to download (chat platforms stop at 20 MB). An Evolt scan PDF is much smaller — is it the right file?";
