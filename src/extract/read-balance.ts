import { isLabel } from "./anchors.ts";
import type { SegmentName } from "./read-segments.ts";
import type { Phrase } from "./text-item.ts";

export type BalanceValue = "balanced" | "unbalanced" | null;
export interface Balance {
  upper_lower: BalanceValue;
  left_right: BalanceValue;
}

const MARK = /^[Xx✕✗×]$/;
const UPPER_LOWER = /^UPPER ?\/? ?(?:AND )?LOWER\b/;
const LEFT_RIGHT = /^LEFT ?\/? ?(?:AND )?RIGHT\b/;

/**
 * An `X` glyph marks a pair as balanced (evolt-report.md §4.3); a pair without its mark is unbalanced.
 * With captions (`UPPER / LOWER`, `LEFT / RIGHT`), a mark belongs to the caption it sits under or beside.
 * Without captions, marks above the arm labels are assigned by x: nearer the TORSO label → upper/lower,
 * nearer the RIGHT ARM label → left/right (the confirmed positions ≈223 and ≈365). No captions and no
 * marks: the sheet says nothing we can read, so both are null.
 */
export function readBalance(
  phrases: readonly Phrase[],
  labels: Partial<Record<SegmentName, Phrase>>,
): Balance {
  const marks = phrases.filter((phrase) => MARK.test(phrase.text));
  const upperLower = phrases.find((phrase) => isLabel(phrase.text, UPPER_LOWER));
  const leftRight = phrases.find((phrase) => isLabel(phrase.text, LEFT_RIGHT));
  if (upperLower || leftRight) {
    return {
      upper_lower: upperLower
        ? marks.some((mark) => marksCaption(mark, upperLower))
          ? "balanced"
          : "unbalanced"
        : null,
      left_right: leftRight
        ? marks.some((mark) => marksCaption(mark, leftRight))
          ? "balanced"
          : "unbalanced"
        : null,
    };
  }
  const torso = labels.torso;
  const rightArm = labels.right_arm;
  const arm = labels.left_arm ?? rightArm;
  if (!torso || !rightArm || !arm) return { upper_lower: null, left_right: null };
  const placed = marks.filter((mark) => mark.y > arm.y && mark.y - arm.y < 8 * arm.fontSize);
  if (placed.length === 0) return { upper_lower: null, left_right: null };
  const nearTorso = placed.some((mark) => Math.abs(mark.x - torso.x) < Math.abs(mark.x - rightArm.x));
  const nearRight = placed.some((mark) => Math.abs(mark.x - torso.x) >= Math.abs(mark.x - rightArm.x));
  return {
    upper_lower: nearTorso ? "balanced" : "unbalanced",
    left_right: nearRight ? "balanced" : "unbalanced",
  };
}

function marksCaption(mark: Phrase, caption: Phrase): boolean {
  const size = Math.max(mark.fontSize, caption.fontSize);
  const dy = caption.y - mark.y;
  if (dy < -0.5 * size || dy > 3 * size) return false;
  return mark.x >= caption.x - 2 * size && mark.x <= caption.right + 4 * size;
}
