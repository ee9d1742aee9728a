import { findLabels, SEGMENT_LABELS, TITLES } from "./anchors.ts";
import { bracketBelow, type Cell } from "./cells.ts";
import { onSameLine } from "./layout.ts";
import type { Bracket } from "./numbers.ts";
import type { Claim } from "./ownership.ts";
import type { CellPage } from "./read-grid.ts";
import type { Phrase } from "./text-item.ts";

export type SegmentName = keyof typeof SEGMENT_LABELS;

export interface SegmentCells {
  lean: Cell | null;
  fat: Cell | null;
  leanRange: Bracket | null;
  fatRange: Bracket | null;
}

export interface SegmentBlock {
  /** null when no segment label is printed */
  segments: Record<SegmentName, SegmentCells> | null;
  labels: Partial<Record<SegmentName, Phrase>>;
  abdominal: Cell | null;
  waistToHip: Cell | null;
  /** the titled reads of abdominal circumference and WHR (not their torso-row fallback) */
  claims: { abdominal?: Claim<Phrase, Cell>; waistToHip?: Claim<Phrase, Cell> };
}

const isLength = (cell: Cell) => cell.unit === "cm" || cell.unit === "in";
const isRatio = (cell: Cell) => cell.unit === null && cell.value < 3 && cell.raw.includes(".");
const isSegmentMass = (cell: Cell) => cell.unit === null && cell.value >= 0;

/**
 * Segment values sit on the first row of cells under each segment label: the two nearest cells from the
 * label rightwards are lean then fat. TORSO is centred above its row while its values are printed at the
 * left, with abdominal circumference and waist-to-hip ratio to the right (evolt-report.md §4.3), so the
 * torso takes the two leftmost cells of its row that are not those two titled values.
 */
export function readSegmentBlock(
  phrases: readonly Phrase[],
  cells: readonly Cell[],
  page: CellPage,
  used: Set<Cell>,
): SegmentBlock {
  const free = (accept: (cell: Cell) => boolean) => (cell: Cell) => !used.has(cell) && accept(cell);
  const titled = (pattern: RegExp, accept: (cell: Cell) => boolean) =>
    page.owners.pick(findLabels(page.labels, pattern), free(accept), page.preferred) ?? undefined;
  const claims = {
    abdominal: titled(TITLES.abdominal_circumference_cm, isLength),
    waistToHip: titled(TITLES.waist_to_hip_ratio, isRatio),
  };
  const abdominal = claims.abdominal?.value ?? null;
  if (abdominal) used.add(abdominal);
  const waistToHip = claims.waistToHip?.value ?? null;
  if (waistToHip) used.add(waistToHip);

  const labels: Partial<Record<SegmentName, Phrase>> = {};
  for (const [name, pattern] of Object.entries(SEGMENT_LABELS) as [SegmentName, RegExp][]) {
    const label = findLabels(page.labels, pattern)[0];
    if (label) labels[name] = label;
  }
  if (Object.keys(labels).length === 0) return { segments: null, labels, abdominal, waistToHip, claims };

  const rightEdge = Math.min(
    labels.right_arm?.x ?? Number.POSITIVE_INFINITY,
    labels.right_leg?.x ?? Number.POSITIVE_INFINITY,
  );
  const segments = {} as Record<SegmentName, SegmentCells>;
  const order: SegmentName[] = ["left_arm", "right_arm", "left_leg", "right_leg", "torso"];
  const extra = { abdominal, waistToHip };
  // a number owned by a label the way this sheet does not print its values (a stray beside a caption)
  const stray = (cell: Cell) => {
    const owner = page.owners.owner(cell);
    return owner !== null && page.preferred !== null && owner.relation !== page.preferred;
  };
  const usable = (cell: Cell) => !used.has(cell) && !stray(cell);
  for (const name of order) {
    const label = labels[name];
    const row = label ? rowUnder(label, cells, usable, name, rightEdge) : [];
    const [lean = null, fat = null] = row;
    if (lean) used.add(lean);
    if (fat) used.add(fat);
    if (name === "torso" && label) fillTorsoRowExtras(label, cells, usable, used, extra);
    segments[name] = {
      lean,
      fat,
      leanRange: lean ? rangeOf(phrases, lean) : null,
      fatRange: fat ? rangeOf(phrases, fat) : null,
    };
  }
  return { segments, labels, abdominal: extra.abdominal, waistToHip: extra.waistToHip, claims };
}

function rowUnder(
  label: Phrase,
  cells: readonly Cell[],
  usable: (cell: Cell) => boolean,
  name: SegmentName,
  rightEdge: number,
): Cell[] {
  const inColumn = (cell: Cell) => {
    if (name === "torso") return true;
    if (cell.x < label.x - 2 * label.fontSize) return false;
    return name.startsWith("right") || cell.x < rightEdge - label.fontSize;
  };
  const candidates = cells.filter((cell) => {
    const dy = label.y - cell.y;
    return (
      usable(cell) &&
      isSegmentMass(cell) &&
      dy > 0.3 * label.fontSize &&
      dy <= 4.5 * cell.fontSize &&
      inColumn(cell)
    );
  });
  const first = candidates.reduce<Cell | null>(
    (best, cell) => (!best || cell.y > best.y ? cell : best),
    null,
  );
  if (!first) return [];
  return candidates.filter((cell) => onSameLine(cell, first)).sort((a, b) => a.x - b.x);
}

/** Without their titles, abdominal circumference and WHR are still recognisable in the torso row. */
function fillTorsoRowExtras(
  label: Phrase,
  cells: readonly Cell[],
  usable: (cell: Cell) => boolean,
  used: Set<Cell>,
  extra: { abdominal: Cell | null; waistToHip: Cell | null },
): void {
  const rest = cells.filter((cell) => {
    const dy = label.y - cell.y;
    return usable(cell) && dy > 0 && dy <= 4.5 * cell.fontSize;
  });
  if (!extra.abdominal) {
    extra.abdominal = rest.find(isLength) ?? null;
    if (extra.abdominal) used.add(extra.abdominal);
  }
  if (!extra.waistToHip) {
    extra.waistToHip = rest.find((cell) => isRatio(cell) && cell.status !== null) ?? null;
    if (extra.waistToHip) used.add(extra.waistToHip);
  }
}

function rangeOf(phrases: readonly Phrase[], cell: Cell): Bracket | null {
  const bracket = cell.bracket ?? bracketBelow(phrases, cell);
  return bracket && bracket.hi !== null ? bracket : null;
}
