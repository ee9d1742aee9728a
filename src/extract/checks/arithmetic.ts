// The sheet's arithmetic (evolt-report.md §9): sums (defined in src/domain/sheet-arithmetic.ts, here with the
// sheet's rounding as tolerance), shares of a whole, Evolt's formulas.
import { SHEET_SUMS, type SheetSum } from "../../domain/sheet-arithmetic.ts";
import { anyBroken, differs, type Metrics, type Rule, shareOutside, sumOf } from "./rule.ts";

/** One of the sheet's sums, broken when the computed whole is more than `tol` from the printed one. */
function sumDiffers(sum: SheetSum, m: Metrics, tol: number): boolean | null {
  const s = sum.sides(m);
  return s === null ? null : Math.abs(s.computed - s.printed) > tol;
}

/**
 * A printed percentage of a whole: the two masses are each rounded by `half`, the percentage itself to
 * `pctHalf` and possibly derived from other rounded percentages (`pctSlack`).
 */
function percentOutside(
  pct: number | null,
  part: number | null,
  whole: number | null,
  half: number,
  pctSlack: number,
): boolean | null {
  if (pct === null || part === null || whole === null || whole <= half) return null;
  const low = (100 * Math.max(0, part - half)) / (whole + half);
  const high = (100 * (part + half)) / (whole - half);
  return pct < low - pctSlack || pct > high + pctSlack;
}

export const ARITHMETIC_RULES: Rule[] = [
  {
    code: "weight_sum_mismatch",
    message: "Lean body mass and body fat mass do not add up to the weight on this sheet.",
    broken: (m, t) => sumDiffers(SHEET_SUMS.weight, m, t.sum),
  },
  {
    code: "body_fat_pct_mismatch",
    message: "The body fat percentage does not match body fat mass divided by weight.",
    broken: (m, t) => sumDiffers(SHEET_SUMS.fatPct, m, t.pct),
  },
  {
    code: "fat_split_mismatch",
    message: "Subcutaneous and visceral fat do not add up to the body fat mass.",
    broken: (m, t) => sumDiffers(SHEET_SUMS.fatSplit, m, t.sum),
  },
  {
    code: "fat_pct_split_mismatch",
    message: "The subcutaneous and visceral fat percentages do not add up to the body fat percentage.",
    broken: (m, t) => differs(sumOf(m.subcutaneous_fat_pct, m.visceral_fat_pct), m.body_fat_pct, t.pct),
  },
  {
    code: "fat_pct_of_weight_mismatch",
    message: "A subcutaneous or visceral fat percentage is not that fat's share of the weight.",
    broken: (m, t) =>
      anyBroken(
        percentOutside(m.subcutaneous_fat_pct, m.subcutaneous_fat_mass_kg, m.weight_kg, t.half, 0.1 + 1e-6),
        percentOutside(m.visceral_fat_pct, m.visceral_fat_mass_kg, m.weight_kg, t.half, 0.1 + 1e-6),
      ),
  },
  {
    code: "fluid_sum_mismatch",
    message: "Intracellular and extracellular fluid do not add up to the total body water.",
    broken: (m, t) => {
      const kg = sumDiffers(SHEET_SUMS.fluid, m, t.sum);
      const pct = differs(sumOf(m.intracellular_fluid_pct, m.extracellular_fluid_pct), 100, 1);
      return anyBroken(kg, pct);
    },
  },
  {
    code: "fluid_pct_mismatch",
    message:
      "An intracellular or extracellular fluid percentage is not that fluid's share of the body water.",
    broken: (m, t) =>
      anyBroken(
        percentOutside(
          m.intracellular_fluid_pct,
          m.intracellular_fluid_kg,
          m.total_body_water_kg,
          t.half,
          0.5 + 1e-6,
        ),
        percentOutside(
          m.extracellular_fluid_pct,
          m.extracellular_fluid_kg,
          m.total_body_water_kg,
          t.half,
          0.5 + 1e-6,
        ),
      ),
  },
  {
    code: "lean_sum_mismatch",
    message: "Protein, mineral and total body water do not add up to the lean body mass.",
    broken: (m, t) => sumDiffers(SHEET_SUMS.lean, m, t.sum),
  },
  {
    code: "bmr_formula_mismatch",
    message: "The BMR does not follow from the lean body mass the way Evolt calculates it.",
    broken: (m, t) =>
      m.lean_body_mass_kg === null
        ? null
        : differs(m.bmr_kcal, Math.floor(370 + 21.6 * m.lean_body_mass_kg), t.bmr),
  },
  {
    code: "tee_formula_mismatch",
    message:
      "The TEE is not the usual multiple of the BMR; the activity setting may differ from the default.",
    broken: (m) => (m.bmr_kcal === null ? null : differs(m.tee_kcal, Math.floor(m.bmr_kcal * 1.54), 1)),
  },
  {
    code: "segment_fat_sum_mismatch",
    message: "The fat of the five body segments does not add up to the body fat mass.",
    broken: (m, t, record) => {
      if (!record.segments) return null;
      const fats = Object.values(record.segments).map((segment) => segment.fat_kg);
      return differs(sumOf(...fats), m.body_fat_mass_kg, t.sum);
    },
  },
  {
    code: "segment_lean_sum_mismatch",
    message: "The lean mass of the five body segments is not the usual share of the lean body mass.",
    broken: (m, t, record) => {
      if (!record.segments) return null;
      const leans = Object.values(record.segments).map((segment) => segment.lean_kg);
      return shareOutside(sumOf(...leans), m.lean_body_mass_kg, 0.836 * 0.99, 0.836 * 1.01, t.half);
    },
  },
  {
    code: "water_share_unusual",
    message: "Total body water is not the usual share of the lean body mass.",
    broken: (m, t) => shareOutside(m.total_body_water_kg, m.lean_body_mass_kg, 0.715, 0.735, t.half),
  },
  {
    code: "muscle_share_unusual",
    message: "Skeletal muscle mass is not the usual share of the lean body mass.",
    broken: (m, t) => shareOutside(m.skeletal_muscle_mass_kg, m.lean_body_mass_kg, 0.545, 0.567, t.half),
  },
  {
    code: "protein_mineral_share_unusual",
    message: "Protein or mineral is not the usual share of the lean body mass.",
    broken: (m, t) =>
      anyBroken(
        shareOutside(m.protein_kg, m.lean_body_mass_kg, 0.19, 0.205, t.half),
        shareOutside(m.mineral_kg, m.lean_body_mass_kg, 0.07, 0.091, t.half),
      ),
  },
  {
    code: "visceral_share_unusual",
    message: "Visceral fat mass is not the usual share of the body fat mass.",
    broken: (m, t) => shareOutside(m.visceral_fat_mass_kg, m.body_fat_mass_kg, 0.125, 0.195, t.half),
  },
  {
    code: "visceral_area_unusual",
    message: "The visceral fat area does not fit the visceral fat mass the way it does on Evolt sheets.",
    broken: (m, t) => {
      const area = m.visceral_fat_area_cm2;
      const mass = m.visceral_fat_mass_kg;
      if (area === null || mass === null || mass <= t.half) return null;
      // R17: 26–31 cm² per kg of visceral fat on real sheets; the area is printed to 1 cm², the mass rounded
      return (area + 0.5) / (mass - t.half) < 24 || (area - 0.5) / (mass + t.half) > 33;
    },
  },
];
