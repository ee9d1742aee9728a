import type { NutritionKey, Range } from "../domain/scan-record.ts";
import { findLabels, NUTRITION_TITLES } from "./anchors.ts";
import { parseSpan } from "./numbers.ts";
import type { Claim, Ownership, Relation } from "./ownership.ts";
import type { Phrase } from "./text-item.ts";

export interface NutritionRead {
  nutrition: Record<NutritionKey, Range | null> | null;
  claims: Partial<Record<NutritionKey, Claim<Phrase, Phrase>>>;
}

/**
 * Panels 21–24: a span (`2300 - 2400`, `150g - 158g`) under each title. The grid's PROTEIN title also
 * matches; only a title that owns a span counts. null when the strip is not printed.
 */
export function readNutrition(
  labels: readonly Phrase[],
  owners: Ownership<Phrase, Phrase>,
  preferred: Relation | null,
): NutritionRead {
  const nutrition = {} as Record<NutritionKey, Range | null>;
  const claims: NutritionRead["claims"] = {};
  let found = 0;
  for (const [key, pattern] of Object.entries(NUTRITION_TITLES) as [NutritionKey, RegExp][]) {
    nutrition[key] = null;
    const claim = owners.pick(findLabels(labels, pattern), () => true, preferred);
    if (!claim) continue;
    nutrition[key] = parseSpan(claim.value.text);
    claims[key] = claim;
    found++;
  }
  return { nutrition: found > 0 ? nutrition : null, claims };
}

export function isSpan(phrase: Phrase): boolean {
  return parseSpan(phrase.text) !== null;
}
