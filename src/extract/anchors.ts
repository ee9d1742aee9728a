import type { Cell } from "./cells.ts";
import { labelText, onSameLine } from "./layout.ts";
import type { Phrase } from "./text-item.ts";

/** Printed titles, matched on upper-cased text with any leading panel number (`3.`) removed. */
export const TITLES = {
  lean_body_mass_kg: /^LEAN BODY MASS\b/,
  skeletal_muscle_mass_kg: /^SKELETAL MUSCLE\b/,
  protein_kg: /^PROTEINS?\b/,
  mineral_kg: /^MINERALS?\b/,
  total_body_water_kg: /^TOTAL BODY WATER\b/,
  body_fat_mass_kg: /^BODY FAT MASS\b/,
  subcutaneous_fat_mass_kg: /^SUBCUTANEOUS FAT\b/,
  visceral_fat_mass_kg: /^VISCERAL FAT MASS\b/,
  visceral_fat_area_cm2: /^VISCERAL FAT AREA\b/,
  body_fat_pct: /^(?:TOTAL )?BODY FAT (?:PERCENTAGE|PERCENT|%)|^PBF\b/,
  visceral_fat_level: /^VISCERAL FAT LEVEL\b/,
  intracellular_fluid_kg: /^INTRA ?CELLULAR\b/,
  extracellular_fluid_kg: /^EXTRA ?CELLULAR\b/,
  bmr_kcal: /^(?:BMR|BASAL METABOLIC)\b/,
  tee_kcal: /^(?:TEE|TOTAL (?:DAILY )?ENERGY)\b/,
  bio_age: /^BIO(?:LOGICAL)? ?AGE\b/,
  bwi: /^(?:BWI|BIO.?WELLNESS)\b/,
  abdominal_circumference_cm: /^ABDOMINAL\b/,
  waist_to_hip_ratio: /^WAIST.{0,6}HIP\b/,
} as const;

export const HEADER_LABELS = {
  date: /^DATE\b/,
  name: /^NAME\b/,
  height: /^HEIGHT\b/,
  weight: /^WEIGHT\b/,
  age: /^AGE\b/,
  gender: /^(?:GENDER|SEX)\b/,
} as const;

export const NUTRITION_TITLES = {
  calories_kcal: /^CALORIES\b/,
  protein_g: /^PROTEINS?\b/,
  carbohydrates_g: /^(?:CARBOHYDRATES?|CARBS)\b/,
  fat_g: /^FATS?\b(?! MASS)/,
} as const;

export const SEGMENT_LABELS = {
  left_arm: /^LEFT ARM\b/,
  right_arm: /^RIGHT ARM\b/,
  torso: /^(?:TORSO|TRUNK)\b/,
  left_leg: /^LEFT LEG\b/,
  right_leg: /^RIGHT LEG\b/,
} as const;

const loosePatterns = new Map<RegExp, RegExp>();

/**
 * The same label pattern with every space optional: pdf.js re-joins runs drawn word by word and sometimes
 * drops the space between them (`BODY FATMASS`), which also removes the word boundaries.
 */
export function loose(pattern: RegExp): RegExp {
  let result = loosePatterns.get(pattern);
  if (!result) {
    const source = pattern.source.replaceAll(" ?", " ").replaceAll(" ", " ?").replaceAll("\\b", "");
    result = new RegExp(source, pattern.flags);
    loosePatterns.set(pattern, result);
  }
  return result;
}

export function isLabel(text: string, pattern: RegExp): boolean {
  return loose(pattern).test(labelText(text));
}

export function findLabels(phrases: readonly Phrase[], pattern: RegExp): Phrase[] {
  return phrases.filter((phrase) => isLabel(phrase.text, pattern));
}

interface Box {
  x: number;
  y: number;
  right: number;
  fontSize: number;
}

/**
 * The item printed under a label: the nearest one below whose left edge lies within the label's span.
 * Relative, so a shifted or scaled sheet reads the same; the nearest wins, so the next panel down does not.
 */
export function nearestBelow<T extends Box>(
  anchor: Box,
  candidates: readonly T[],
  accept: (candidate: T) => boolean = () => true,
  maxLines = 5,
): T | null {
  let best: { item: T; score: number } | null = null;
  const left = anchor.x - 3 * anchor.fontSize;
  const right = Math.max(anchor.right, anchor.x + 6 * anchor.fontSize);
  for (const item of candidates) {
    const dy = anchor.y - item.y;
    const size = Math.max(anchor.fontSize, item.fontSize);
    if (dy <= 0.3 * anchor.fontSize || dy > maxLines * size) continue;
    if (item.x < left || item.x > right) continue;
    if (!accept(item)) continue;
    const score = dy + 0.05 * Math.abs(item.x - anchor.x);
    if (!best || score < best.score) best = { item, score };
  }
  return best?.item ?? null;
}

/** Fallback for a label with its value beside it on the same line. */
export function nearestRight<T extends Box>(
  anchor: Box,
  candidates: readonly T[],
  accept: (candidate: T) => boolean = () => true,
): T | null {
  let best: T | null = null;
  for (const item of candidates) {
    if (item.x < anchor.right - 0.5 * anchor.fontSize || !onSameLine(anchor, item)) continue;
    if (item.x - anchor.right > 12 * anchor.fontSize || !accept(item)) continue;
    if (!best || item.x < best.x) best = item;
  }
  return best;
}

/** Finds a labelled cell: any phrase matching the title, the cell below it (or beside it). */
export function cellUnderTitle(
  phrases: readonly Phrase[],
  cells: readonly Cell[],
  title: RegExp,
  accept: (cell: Cell) => boolean,
): { title: Phrase; cell: Cell } | null {
  let best: { title: Phrase; cell: Cell; dy: number } | null = null;
  for (const anchor of findLabels(phrases, title)) {
    const cell = nearestBelow(anchor, cells, accept) ?? nearestRight(anchor, cells, accept);
    if (!cell) continue;
    const dy = Math.abs(anchor.y - cell.y);
    if (!best || dy < best.dy) best = { title: anchor, cell, dy };
  }
  return best ? { title: best.title, cell: best.cell } : null;
}
