import { findLabels, TITLES } from "./anchors.ts";
import type { Cell } from "./cells.ts";
import type { Claim, Ownership, Relation } from "./ownership.ts";
import type { Phrase } from "./text-item.ts";

/** The page's values and the labels that compete for them. */
export interface CellPage {
  labels: readonly Phrase[];
  owners: Ownership<Phrase, Cell>;
  /** whether this sheet prints values under or beside their titles */
  preferred: Relation | null;
}

/** Panels 1–15 and the side panel (16–17): one value under each printed title. */
export const GRID_KEYS = [
  "lean_body_mass_kg",
  "skeletal_muscle_mass_kg",
  "protein_kg",
  "mineral_kg",
  "total_body_water_kg",
  "body_fat_mass_kg",
  "subcutaneous_fat_mass_kg",
  "visceral_fat_mass_kg",
  "visceral_fat_area_cm2",
  "body_fat_pct",
  "visceral_fat_level",
  "intracellular_fluid_kg",
  "extracellular_fluid_kg",
  "bmr_kcal",
  "tee_kcal",
] as const;
export type GridKey = (typeof GRID_KEYS)[number];

export const SIDE_KEYS = ["bio_age", "bwi"] as const;
export type SideKey = (typeof SIDE_KEYS)[number];

const isMass = (cell: Cell) =>
  (cell.unit === null || cell.unit === "kg" || cell.unit.startsWith("lb")) && cell.value > 0;
const isPlain = (cell: Cell) => cell.unit === null;
const isWhole = (cell: Cell) => cell.unit === null && Number.isInteger(cell.value);
const isEnergy = (cell: Cell) => (cell.unit === "kcal" || cell.unit === null) && Number.isInteger(cell.value);

const ACCEPT: Record<GridKey | SideKey, (cell: Cell) => boolean> = {
  lean_body_mass_kg: isMass,
  skeletal_muscle_mass_kg: isMass,
  protein_kg: isMass,
  mineral_kg: isMass,
  total_body_water_kg: isMass,
  body_fat_mass_kg: isMass,
  subcutaneous_fat_mass_kg: isMass,
  visceral_fat_mass_kg: isMass,
  // VFA is printed in cm² on lb sheets too
  visceral_fat_area_cm2: (cell) =>
    (cell.unit === null || cell.unit.startsWith("cm")) && Number.isInteger(cell.value),
  // BF% carries its `%`: without it a parser reading by text order takes TBW for BF% (§13)
  body_fat_pct: (cell) => cell.unit === "%",
  visceral_fat_level: isWhole,
  intracellular_fluid_kg: isMass,
  extracellular_fluid_kg: isMass,
  bmr_kcal: isEnergy,
  tee_kcal: isEnergy,
  bio_age: isWhole,
  bwi: isPlain,
};

export type TitledCells<K extends string> = Partial<Record<K, Claim<Phrase, Cell>>>;

/** One value per title: the best value a title of that field owns that the field accepts. */
export function readTitledCells<K extends GridKey | SideKey>(
  page: CellPage,
  keys: readonly K[],
  used: Set<Cell>,
): TitledCells<K> {
  const found: TitledCells<K> = {};
  for (const key of keys) {
    const accept = (cell: Cell) => !used.has(cell) && ACCEPT[key](cell);
    const hit = page.owners.pick(findLabels(page.labels, TITLES[key]), accept, page.preferred);
    if (!hit) continue;
    found[key] = hit;
    used.add(hit.value);
  }
  return found;
}
