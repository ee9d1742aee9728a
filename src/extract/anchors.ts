import { labelText } from "./layout.ts";
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

/**
 * A title followed by a scale (`BIO-WELLNESS INDEX 0 - 10`, `BWI (0-10)`) is a caption explaining a value,
 * not the title. A lone number after the title (a footnote, a stray mark) leaves it a title.
 */
function carriesNumbers(text: string, pattern: RegExp): boolean {
  const rest = labelText(text).replace(loose(pattern), "");
  return /\d\s*(?:[-–]|TO)\s*\d/.test(rest);
}

/** Phrases printed as this title (a caption that merely starts with the same words is left out). */
export function findLabels(phrases: readonly Phrase[], pattern: RegExp): Phrase[] {
  return phrases.filter((phrase) => isLabel(phrase.text, pattern) && !carriesNumbers(phrase.text, pattern));
}

const TITLE_PATTERNS = [
  ...Object.values(TITLES),
  ...Object.values(NUTRITION_TITLES),
  ...Object.values(SEGMENT_LABELS),
  /^(?:LEAN|FAT) MASS\b/,
];
const HEADER_PATTERNS = Object.values(HEADER_LABELS);
// the loose forms, made once: every phrase of a page is tried against all of them
const LOOSE_TITLES = TITLE_PATTERNS.map((pattern) => ({ pattern, loose: loose(pattern) }));
const LOOSE_HEADERS = HEADER_PATTERNS.map(loose);

/**
 * Every phrase that heads a value: titles, header labels, segment labels and their LEAN/FAT MASS
 * captions. They compete for the values around them (ownership.ts).
 */
export function labelPhrases(phrases: readonly Phrase[]): Phrase[] {
  return phrases.filter((phrase) => {
    // every label starts with a letter once its panel number is gone; values, brackets and marks do not
    const label = labelText(phrase.text);
    if (!/^\p{L}/u.test(label)) return false;
    return (
      LOOSE_TITLES.some(({ pattern, loose }) => loose.test(label) && !carriesNumbers(phrase.text, pattern)) ||
      LOOSE_HEADERS.some((pattern) => pattern.test(label))
    );
  });
}
