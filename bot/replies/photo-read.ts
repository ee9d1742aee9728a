// What the bot says about a photo of a sheet: what it read (before anything is saved), the Fix prompt and
// the answers to corrections, and the short notes a group sees. Exact values only ever go privately.
import { shortDate } from "../../src/domain/calendar.ts";
import { formatValue, METRIC_INFO, type TrackedMetric } from "../../src/domain/metrics.ts";
import type { MetricKey } from "../../src/domain/scan-record.ts";
import type { CorrectionOutcome } from "../../src/use-cases/fix-photo-read.ts";
import type { PhotoRead } from "../../src/use-cases/photo-read-view.ts";
import { type Markup, plural } from "./markup.ts";

export const PHOTO_READ_BUTTONS = { save: "✅ Save", fix: "✏️ Fix" } as const;

/** The read, shown privately with the Save and Fix buttons. */
export function photoReadText(
  read: PhotoRead,
  m: Markup,
  opening: "new" | "again" | "corrected" = "new",
): string {
  const lines: string[] = [];
  if (opening === "again") lines.push("📷 You sent this sheet already — here is what I read from it:");
  else if (opening === "corrected") lines.push("✏️ Updated. This is what I have now:");
  else lines.push("📷 Here is what I read from your photo:");
  lines.push("");
  const typed = (yes: boolean) => (yes ? ` ${m.italic("(typed by you)")}` : "");
  lines.push(
    `• date: ${read.scannedAt ? m.bold(when(read.scannedAt)) : m.italic("couldn't read")}${typed(read.dateTyped)}`,
  );
  for (const h of read.headline) {
    const value =
      h.value == null ? m.italic("couldn't read") : m.bold(formatValue(h.metric, h.value, read.units));
    lines.push(`• ${METRIC_INFO[h.metric].label}: ${value}${typed(h.typed)}`);
  }
  const unread = [
    ...(read.scannedAt ? [] : ["the date"]),
    ...read.headline.filter((h) => h.value == null).map((h) => METRIC_INFO[h.metric].label),
  ];
  if (read.otherUnread > 0) unread.push(plural(read.otherUnread, "other value"));
  lines.push("");
  if (unread.length > 0)
    lines.push(
      `${m.bold("Couldn't read:")} ${unread.join(", ")}. What stays unread is left empty — I never guess.`,
    );
  else lines.push("I could read every value on the sheet.");
  lines.push("");
  lines.push(
    `${m.bold("Nothing is saved yet.")} Tap ${m.bold("Save")} if this matches your sheet, or ${m.bold("Fix")} to correct a number. If you don't answer, I forget this read and the photo in a day.`,
  );
  return lines.join("\n");
}

/** "14 Mar 2026, 07:35" */
function when(scannedAt: string): string {
  return `${shortDate(scannedAt, 0)}, ${scannedAt.slice(11, 16)}`;
}

const EXAMPLES = "weight 81.4, fat mass 18.2, body fat 22.5, muscle 36.0, date 2026-03-14 07:35";

export function fixPrompt(read: PhotoRead, m: Markup): string {
  return [
    `✏️ Type what to change, one or several in one message, e.g. ${m.bold(EXAMPLES)}.`,
    `Masses in ${read.units} (your /units), unless you type kg or lb after the number.`,
  ].join("\n");
}

export function correctionReply(
  outcome: Exclude<CorrectionOutcome, { kind: "no_open_read" | "corrected" }>,
  m: Markup,
): string {
  switch (outcome.kind) {
    case "not_understood": {
      const what = outcome.part ? `I didn't understand “${m.escape(outcome.part)}”. ` : "";
      return `${what}Type the name and the number from the sheet, e.g. ${m.bold("weight 81.4")} or ${m.bold("fat mass 18.2, muscle 36.0")}.`;
    }
    case "implausible":
      return `That ${METRIC_INFO[outcome.metric].label} can't be right — check the number on the sheet and type it again, e.g. ${m.bold(exampleOf(outcome.metric))}.`;
    case "conflict":
      return `Those numbers don't add up the way an Evolt sheet does (${sumWords(outcome.keys)}). Please check them on the sheet and type them again.`;
  }
}

function exampleOf(metric: TrackedMetric): string {
  const examples: Record<TrackedMetric, string> = {
    weight_kg: "weight 81.4",
    body_fat_mass_kg: "fat mass 18.2",
    body_fat_pct: "body fat 22.5",
    lean_body_mass_kg: "lean 63.2",
    skeletal_muscle_mass_kg: "muscle 36.0",
    visceral_fat_level: "visceral 8",
    total_body_water_kg: "water 46.1",
  };
  return examples[metric];
}

function sumWords(keys: MetricKey[]): string {
  if (keys.includes("body_fat_pct")) return "body fat % should be fat mass ÷ weight";
  if (keys.includes("weight_kg")) return "fat mass + lean mass should be the weight";
  return "the parts should add up to the total";
}

/** Save could not happen yet: the date or the weight is missing. */
export function saveNeedsText(missing: ("date" | "weight_kg")[], m: Markup): string {
  const words = missing.map((x) => (x === "date" ? "the date" : "your weight"));
  const examples = missing.map((x) => m.bold(x === "date" ? "date 2026-03-14 07:35" : "weight 81.4"));
  return `I need ${words.join(" and ")} before I can save this scan. Tap Fix and type ${examples.join(" and ")}.`;
}

export function photoReadGone(): string {
  return "This read isn't waiting any more — it was saved already, or it expired after a day. Send the photo again if you need to.";
}

export const PHOTO_READ_NOT_YOURS = "Only the person who sent the photo can answer this.";

/** Replaces the buttons' message once Save went through (the scan reply follows). */
export const PHOTO_READ_SAVED = "💾 Saved — here is your scan:";

export function photoReadInGroup(
  m: Markup,
  where: "sent" | "unreachable",
  botUsername: string | null,
): string {
  if (where === "sent")
    return "📷 I sent you what I read, privately — tap Save there if it matches your sheet.";
  const how = botUsername
    ? `open a private chat with @${botUsername}, press Start and send the photo there`
    : "open a private chat with me, press Start and send the photo there";
  return m.italic(
    `📷 I read your photo, but I keep body numbers out of the group and can't message you yet. To check and save it, ${how}.`,
  );
}

export function photoReadInServer(m: Markup, where: "dm" | "dms_closed"): string {
  if (where === "dm")
    return "📷 I sent you what I read, privately — tap Save there if it matches your sheet.";
  return m.italic(
    "📷 I read your photo, but I keep body numbers out of the server and your DMs are closed to me. Use /scan file: with the photo here (only you will see the answer), or open your DMs and send it again.",
  );
}

/** Discord: Fix was pressed where the member cannot type privately (a reply only they see). */
export const FIX_IN_DMS = "✏️ I sent you a DM — type your corrections there.";
export const FIX_NEEDS_DMS =
  "✏️ To type corrections I need to DM you, and your DMs are closed to me. Open them (server menu → Privacy Settings → Direct Messages), then tap Fix again.";
