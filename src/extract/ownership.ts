import { SpatialIndex } from "./spatial-index.ts";

export interface Box {
  x: number;
  y: number;
  right: number;
  fontSize: number;
}

export type Relation = "below" | "beside";

export interface Claim<L, T> {
  label: L;
  value: T;
  relation: Relation;
  /** points; lower is nearer */
  cost: number;
}

/** How far a value may sit from its label, in the label's font size. */
export interface Reach {
  /** lines below the label (of the larger of label and value size) */
  below: number;
  /** horizontal gap between the label's and the value's spans, for a value below */
  belowGap: number;
  /** gap to a value beside the label on its line */
  beside: number;
}

const LABEL_WIDTH = 300;

export const DEFAULT_REACH: Reach = { below: 5, belowGap: 14, beside: 30 };

/**
 * Which label a printed value belongs to, decided by competition: every value goes to the nearest label
 * above it (vertical distance plus twice the horizontal gap between their spans; the value follows the
 * label in reading order, so it starts no more than 3 em left of it) or after it on its line (half the
 * gap: text is read along lines), among all the labels of the page. A label therefore owns the values of its own panel however the panel
 * is aligned (left, centred, right), and a value centred under a short title is not lost, while the next
 * panel's value is never taken because that panel's own title is nearer to it.
 */
export class Ownership<L extends Box, T extends Box> {
  private readonly labelIndex: SpatialIndex<L>;
  private readonly owners = new Map<T, Claim<L, T> | null>();
  private readonly claims = new Map<L, Claim<L, T>[]>();
  private readonly maxSize: number;
  private readonly minSize: number;
  private readonly valueIndex: SpatialIndex<T>;

  constructor(
    labels: readonly L[],
    values: readonly T[],
    private readonly reach: Reach = DEFAULT_REACH,
  ) {
    this.labelIndex = new SpatialIndex(labels);
    this.maxSize = labels.reduce((max, label) => Math.max(max, label.fontSize), 1);
    this.minSize = labels.reduce((min, label) => Math.min(min, label.fontSize), this.maxSize);
    this.valueIndex = new SpatialIndex(values);
  }

  claimOf(label: L, value: T): Claim<L, T> | null {
    if (value === (label as unknown)) return null;
    const size = Math.max(label.fontSize, value.fontSize);
    const dy = label.y - value.y;
    const gap = Math.max(0, value.x - label.right, label.x - value.right);
    // reading order: a value below its label does not start well before the label does
    const follows = value.x >= label.x - 3 * label.fontSize;
    if (
      follows &&
      dy > 0.3 * label.fontSize &&
      dy <= this.reach.below * size &&
      gap <= this.reach.belowGap * label.fontSize
    )
      return { label, value, relation: "below", cost: dy + 2 * gap };
    const sameLine = Math.abs(dy) <= 0.45 * size;
    const ahead = value.x - label.right;
    if (
      sameLine &&
      value.x >= label.right - 0.5 * label.fontSize &&
      ahead <= this.reach.beside * label.fontSize
    )
      // along a line is the way text is read: half the price of the same gap diagonally below
      return { label, value, relation: "beside", cost: 0.5 * Math.max(0, ahead) + 0.5 * size };
    return null;
  }

  /** The label a value belongs to, or null when none is near enough. */
  owner(value: T): Claim<L, T> | null {
    const known = this.owners.get(value);
    if (known !== undefined) return known;
    const size = Math.max(value.fontSize, this.maxSize);
    // labels above (a value follows its label: the label starts at most 3 em right of it) or on its line
    const candidates = [
      ...this.labelIndex.within(
        value.x - this.reach.belowGap * size - LABEL_WIDTH,
        value.y + 0.3 * Math.min(value.fontSize, this.minSize),
        value.x + 3 * size,
        value.y + this.reach.below * size,
      ),
      ...this.labelIndex.within(
        value.x - this.reach.beside * size - LABEL_WIDTH,
        value.y - 0.45 * size,
        value.x + 0.5 * size,
        value.y + 0.45 * size,
      ),
    ];
    let best: Claim<L, T> | null = null;
    for (const label of candidates) {
      const claim = this.claimOf(label, value);
      if (claim && (!best || claim.cost < best.cost)) best = claim;
    }
    this.owners.set(value, best);
    return best;
  }

  /** The values a label owns, nearest first. */
  ownedBy(label: L, accept?: (value: T) => boolean): Claim<L, T>[] {
    let claims = this.claims.get(label);
    if (!claims) {
      claims = this.findOwned(label);
      this.claims.set(label, claims);
    }
    return accept ? claims.filter((claim) => accept(claim.value)) : claims;
  }

  private findOwned(label: L): Claim<L, T>[] {
    const size = Math.max(label.fontSize, 24);
    const nearby = this.valueIndex.within(
      label.x - this.reach.belowGap * label.fontSize - LABEL_WIDTH,
      label.y - this.reach.below * size,
      label.right + this.reach.beside * label.fontSize,
      label.y + size,
    );
    const claims: Claim<L, T>[] = [];
    for (const value of nearby) {
      const claim = this.owner(value);
      if (claim && claim.label === label) claims.push(claim);
    }
    return claims.sort((a, b) => a.cost - b.cost);
  }

  /**
   * The best value among several labels of one field. A sheet prints its values either under or beside
   * its labels; `preferred` is the page's majority, so a stray number beside a title does not outrank the
   * value under it, while a sheet that prints values beside its labels still reads.
   */
  pick(labels: readonly L[], accept: (value: T) => boolean, preferred: Relation | null): Claim<L, T> | null {
    let best: Claim<L, T> | null = null;
    for (const label of labels) {
      for (const claim of this.ownedBy(label, accept)) {
        if (!best || better(claim, best, preferred)) best = claim;
      }
    }
    return best;
  }
}

function better<L, T>(a: Claim<L, T>, b: Claim<L, T>, preferred: Relation | null): boolean {
  if (preferred && a.relation !== b.relation) return a.relation === preferred;
  return a.cost < b.cost;
}

/** The relation most labels have with their nearest owned value. */
export function majorityRelation<L extends Box, T extends Box>(
  ownership: Ownership<L, T>,
  labels: readonly L[],
): Relation | null {
  let below = 0;
  let beside = 0;
  for (const label of labels) {
    const claim = ownership.ownedBy(label)[0];
    if (claim?.relation === "below") below++;
    else if (claim?.relation === "beside") beside++;
  }
  if (below === beside) return null;
  return below > beside ? "below" : "beside";
}
