import type { NutritionKey, Range } from "../domain/scan-record.ts";
import { findLabels, NUTRITION_TITLES, nearestBelow, nearestRight } from "./anchors.ts";
import { parseSpan } from "./numbers.ts";
import type { Phrase } from "./text-item.ts";

/**
 * Panels 21–24: a span (`2300 - 2400`, `150g - 158g`) under each title. The grid's PROTEIN title also
 * matches; only the title with a span under it counts. null when the strip is not printed.
 */
export function readNutrition(phrases: readonly Phrase[]): Record<NutritionKey, Range | null> | null {
  const nutrition = {} as Record<NutritionKey, Range | null>;
  let found = 0;
  for (const [key, pattern] of Object.entries(NUTRITION_TITLES) as [NutritionKey, RegExp][]) {
    nutrition[key] = null;
    for (const title of findLabels(phrases, pattern)) {
      const isSpan = (phrase: Phrase) => parseSpan(phrase.text) !== null;
      const value = nearestBelow(title, phrases, isSpan, 4) ?? nearestRight(title, phrases, isSpan);
      if (!value) continue;
      nutrition[key] = parseSpan(value.text);
      found++;
      break;
    }
  }
  return found > 0 ? nutrition : null;
}
