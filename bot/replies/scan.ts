// What the bot says after a scan arrives: accepted (private detail / group summary) or duplicate;
// rejections are in rejections.ts.
import { shortDate } from "../../src/domain/calendar.ts";
import {
  formatDelta,
  formatValue,
  METRIC_INFO,
  type TrackedMetric,
  type Units,
} from "../../src/domain/metrics.ts";
import type { GoalView, Milestone } from "../../src/domain/progress.ts";
import type { OwnerAnswer } from "../../src/use-cases/confirm-scan-owner.ts";
import type { ScanReply } from "../../src/use-cases/receive-scan.ts";
import { changeAmount, changeBullets, HEADLINE_METRICS, relativeAmount } from "./changes.ts";
import { type Markup, plural } from "./markup.ts";

type Accepted = Extract<ScanReply, { kind: "accepted" }>;

/** The full, private explanation of a scan: exact values and changes. */
export function scanDetails(r: Accepted, m: Markup): string {
  const year = Number(r.current.scannedAt.slice(0, 4));
  const lines: string[] = [];
  const when = shortDate(r.current.scannedAt, year);
  if (!r.previous) {
    lines.push(`✅ ${m.bold(`Your first scan is in (${when})`)} — this is your starting point.`);
    lines.push(snapshot(r, m));
    lines.push("");
    lines.push(
      "Scan again in about 4 weeks: from the second scan on I'll tell you what really changed and what is just day-to-day variation.",
    );
  } else {
    lines.push(`✅ ${m.bold(`Scan of ${when} read`)} (scan #${r.current.scanNumber}).`);
    lines.push("");
    lines.push(m.bold(`Since your last scan (${shortDate(r.previous.scannedAt, year)}):`));
    lines.push(...bullets(r, "prev", r.units));
    const split = weightSplit(r, r.units);
    if (split) lines.push(split);
    if (r.baseline && r.baseline.scanId !== r.previous.scanId) {
      lines.push("");
      lines.push(m.bold(`Since your first scan (${shortDate(r.baseline.scannedAt, year)}):`));
      lines.push(...bullets(r, "base", r.units));
    }
  }
  const goals = goalLines(r.goals, r.units);
  if (goals.length > 0) lines.push("", m.bold("Goals:"), ...goals);
  const celebrations = milestoneLines(r.milestones, r.units);
  if (celebrations.length > 0) lines.push("", ...celebrations);
  if (r.warnings.length > 0) {
    lines.push(
      "",
      m.italic(
        `Heads-up: ${plural(r.warnings.length, "number")} on this sheet didn't quite add up, so treat this scan with a little caution.`,
      ),
      // what the sheet itself disagrees on, in the words of the check (they never quote a value)
      ...r.warnings.map((warning) => `• ${m.escape(warning.message)}`),
    );
  }
  return lines.join("\n");
}

/** The group's version: relative changes only, exact values go privately. */
export function scanGroupSummary(r: Accepted, m: Markup, name: string): string {
  const who = m.escape(name);
  if (!r.previous) {
    return `✅ ${m.bold(who)} logged a first scan — the starting line is drawn. 💪`;
  }
  const lines = [`✅ ${m.bold(who)} has a new scan (#${r.current.scanNumber}).`];
  const against = r.baseline && r.baseline.scanId !== r.previous.scanId ? "base" : "prev";
  lines.push(against === "base" ? "Since the start:" : "Since the last scan:");
  lines.push(
    ...changeBullets(
      HEADLINE_METRICS.map((metric) => {
        const change = r.current.changes.find((c) => c.metric === metric);
        return change ? relativeAmount(change, against) : null;
      }),
    ),
  );
  const goalsReached = r.milestones.filter((x) => x.kind === "goal_reached");
  if (goalsReached.length > 0)
    lines.push(`🎯 Goal reached: ${goalsReached.map((g) => METRIC_INFO[g.metric!].label).join(", ")}!`);
  const bests = r.milestones.filter((x) => x.kind === "personal_best");
  if (bests.length > 0)
    lines.push(`🏅 Personal best: ${bests.map((b) => METRIC_INFO[b.metric!].label).join(", ")}.`);
  return lines.join("\n");
}

export function privateHint(m: Markup, botUsername: string | null, reached: boolean): string {
  if (reached) return m.italic("Exact numbers and your chart are in our private chat.");
  const how = botUsername
    ? `open a private chat with @${botUsername} and press Start`
    : "open a private chat with me and press Start";
  return m.italic(`I keep exact body numbers out of the group. To get yours, ${how} — then send /progress.`);
}

function snapshot(r: Accepted, m: Markup): string {
  const v = r.current.values;
  const parts: string[] = [];
  for (const metric of [
    "weight_kg",
    "body_fat_pct",
    "body_fat_mass_kg",
    "skeletal_muscle_mass_kg",
    "visceral_fat_level",
  ] as TrackedMetric[]) {
    const value = v[metric];
    if (value != null)
      parts.push(`• ${METRIC_INFO[metric].label}: ${m.bold(formatValue(metric, value, r.units))}`);
  }
  return parts.join("\n");
}

function bullets(r: Accepted, against: "prev" | "base", units: Units): string[] {
  return changeBullets(
    HEADLINE_METRICS.map((metric) => {
      const change = r.current.changes.find((c) => c.metric === metric);
      return change ? changeAmount(change, against, units) : null;
    }),
  );
}

/** "Weight −1.5 kg = fat −1.8 kg, lean +0.3 kg (water +0.2 kg)" */
function weightSplit(r: Accepted, units: Units): string | null {
  const change = (metric: TrackedMetric) =>
    r.current.changes.find((c) => c.metric === metric)?.deltaPrev ?? null;
  const weight = change("weight_kg");
  const fat = change("body_fat_mass_kg");
  const lean = change("lean_body_mass_kg");
  const water = change("total_body_water_kg");
  if (weight == null || fat == null || lean == null) return null;
  const waterText =
    water != null ? ` (of which water ${formatDelta("total_body_water_kg", water, units)})` : "";
  return `↳ where the weight change came from: fat ${formatDelta("body_fat_mass_kg", fat, units)}, lean ${formatDelta("lean_body_mass_kg", lean, units)}${waterText}`;
}

export function goalLines(goals: GoalView[], units: Units): string[] {
  return goals.map((g) => {
    const metric = g.metric as TrackedMetric;
    const target = formatValue(metric, g.target, units);
    if (g.reachedScanId) return `• ${METRIC_INFO[metric].label} ${target}: reached 🎯`;
    if (g.progressPct == null)
      return `• ${METRIC_INFO[metric].label} ${target}: starts counting from your next scan`;
    return `• ${METRIC_INFO[metric].label} ${target}: ${Math.round(g.progressPct)}% of the way`;
  });
}

function milestoneLines(milestones: Milestone[], units: Units): string[] {
  return milestones.flatMap((x) => {
    switch (x.kind) {
      case "goal_reached":
        return [
          `🎯 You reached your ${METRIC_INFO[x.metric!].label} goal of ${formatValue(x.metric!, x.value!, units)}!`,
        ];
      case "personal_best":
        return [
          `🏅 Personal best: ${METRIC_INFO[x.metric!].label} ${formatValue(x.metric!, x.value!, units)} — your best yet, by more than the measurement noise.`,
        ];
      case "scan_count":
        return [`🔥 That's scan number ${x.count}. Consistency is the whole game.`];
      default:
        return [];
    }
  });
}

export function duplicateText(r: Extract<ScanReply, { kind: "duplicate" }>): string {
  const when = r.scannedAt ? ` (scan of ${shortDate(r.scannedAt)} ${r.scannedAt.slice(0, 4)})` : "";
  if (r.ownedByOther)
    return "This exact file was already sent by another member, so I didn't add it to your history.";
  if (r.reason === "same_file") return `👍 I already have this file${when} — nothing new to add.`;
  return `👍 That's the same scan${when} exported again — I already have it, so nothing changed.`;
}

export function nameMismatchQuestion(r: Accepted, m: Markup): string {
  return (
    `🤔 This sheet is printed for ${m.bold(m.escape(r.nameMismatch!.printed))}, but your earlier sheets say ${m.bold(m.escape(r.nameMismatch!.usual))}.\n` +
    "Is this scan yours? If not, I'll take it out of your history."
  );
}

export const NAME_MISMATCH_BUTTONS = { mine: "Yes, it's mine", notMine: "No, remove it" } as const;

export function ownershipAnswer(outcome: OwnerAnswer): string {
  switch (outcome) {
    case "kept":
      return "👍 Kept — it stays in your history.";
    case "removed":
      return "🗑️ Removed — that scan is no longer in your history or the leaderboard.";
    case "not_yours_to_answer":
      return "Only the person who sent that scan can answer this.";
  }
}
