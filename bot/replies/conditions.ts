// Scan conditions in words: the optional private question after a scan, its answers, /conditions, and the
// line that explains a water swing when a scan was taken after training or at an unusual hour.
import type {
  AnswerConditionsResult,
  ConditionAnswer,
  ScanFlags,
} from "../../src/use-cases/answer-conditions.ts";
import type { SetConditionsResult } from "../../src/use-cases/set-conditions.ts";
import type { Markup } from "./markup.ts";

export const CONDITIONS_QUESTION =
  "Quick one (optional): how was this scan taken? Evolt reads best under the same conditions each time — same time of day, no training before, fed and hydrated the same way. One tap:";

export const CONDITIONS_BUTTONS: Record<ConditionAnswer, string> = {
  standard: "✅ Usual routine",
  trained: "🏋️ Trained today",
  unusual_time: "🕐 Not my usual time",
  fed: "🍽 Not fasted",
};

export const WATER_SWING =
  "Training, food and the time of day move body water, and the scanner reads water as lean mass: part of this change may be water, not muscle or fat. Compare with a scan under your usual conditions.";

export function conditionsAnswerText(r: AnswerConditionsResult): string {
  if (r.kind === "not_your_scan") return "That question was about someone else's scan.";
  const noted = `Noted: ${CONDITIONS_BUTTONS[r.answer].replace(/^\S+ /, "").toLowerCase()}.`;
  const flagged = r.flags.afterTraining || r.flags.unusualHour;
  return flagged
    ? `${noted} ${WATER_SWING}`
    : `${noted} Thanks — steady conditions make changes easier to trust. (/conditions off stops this question.)`;
}

export function conditionsSettingText(r: SetConditionsResult): string {
  if (r.kind === "invalid") return "Send /conditions on or /conditions off.";
  return r.on
    ? "I'll ask after each scan how it was taken (one optional tap)."
    : "OK, no more questions about scan conditions. /conditions on brings them back.";
}

/** For /progress: the latest scan's conditions, when they may hold a water swing; null when standard. */
export function conditionsLine(flags: ScanFlags | undefined, m: Markup): string | null {
  if (!flags || (!flags.afterTraining && !flags.unusualHour)) return null;
  const how = [flags.afterTraining ? "after training" : null, flags.unusualHour ? "at an unusual hour" : null]
    .filter(Boolean)
    .join(" and ");
  return `⚠️ ${m.italic(`Your latest scan was taken ${how}.`)} ${WATER_SWING}`;
}
