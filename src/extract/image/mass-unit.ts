// Which unit a photographed sheet prints its masses in. The unit is printed once, with the weight (and
// implied by the height: cm or feet and inches); OCR loses both now and then. Two of the sheet's own
// relations tell kg from lb without them (evolt-report.md §9): Evolt's BMR formula on the lean mass (R7) and
// the visceral fat area per kg of visceral fat (R17), each off by the factor 2.2 in the wrong unit.
import type { ScanRecord } from "../../domain/scan-record.ts";
import type { ReadTrace } from "../read-sheet.ts";
import { KG_PER_LB, type MassUnit, massUnitOf, parseHeight } from "../units.ts";

/** The unit printed with the weight, or implied by a height in cm or in feet and inches; null when neither was read. */
export function printedMassUnit(trace: ReadTrace): MassUnit | null {
  const printed = massUnitOf(trace.fields["header.weight"]?.value?.text ?? "");
  if (printed) return printed;
  const height = parseHeight(trace.fields["header.height"]?.value?.text ?? "");
  return height ? (height.unit === "in" ? "lb" : "kg") : null;
}

/**
 * The unit in which the read figures fit the BMR formula and the visceral fat area (the latter only where
 * subcutaneous + visceral = body fat holds), each that could be checked; null when none could, when both
 * units fit, or when the two disagree (a misread figure).
 */
export function massUnitByArithmetic(record: ScanRecord): MassUnit | null {
  // the figures as printed, whatever unit the reader took them in
  const printed = (kg: number | null) =>
    kg === null ? null : record.units.mass === "lb" ? kg / KG_PER_LB : kg;
  const lean = printed(record.metrics.lean_body_mass_kg);
  const visceral = printed(record.metrics.visceral_fat_mass_kg);
  const subcutaneous = printed(record.metrics.subcutaneous_fat_mass_kg);
  const fat = printed(record.metrics.body_fat_mass_kg);
  // a misread visceral mass can fit the other unit's band: it counts only where the fat split holds
  const visceralSure =
    visceral !== null &&
    subcutaneous !== null &&
    fat !== null &&
    Math.abs(subcutaneous + visceral - fat) <= 0.15 + 1e-9;
  const { bmr_kcal: bmr, visceral_fat_area_cm2: area } = record.metrics;
  const verdicts: MassUnit[] = [];
  for (const fits of [
    lean !== null && bmr !== null ? (kgPer: number) => Math.abs(370 + 21.6 * lean * kgPer - bmr) <= 2 : null,
    // R17 with the rounding of both figures: 24–33 cm² per kg, as checks/arithmetic.ts allows
    visceralSure && visceral !== null && area !== null && visceral > 0.5
      ? (kgPer: number) => {
          const half = 0.05 * kgPer;
          return (
            (area + 0.5) / (visceral * kgPer - half) >= 24 && (area - 0.5) / (visceral * kgPer + half) <= 33
          );
        }
      : null,
  ]) {
    if (!fits) continue;
    const kg = fits(1);
    const lb = fits(KG_PER_LB);
    if (kg !== lb) verdicts.push(kg ? "kg" : "lb");
  }
  const [first] = verdicts;
  return first && verdicts.every((unit) => unit === first) ? first : null;
}
