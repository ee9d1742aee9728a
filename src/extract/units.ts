export const KG_PER_LB = 0.45359237;
export const CM_PER_IN = 2.54;

export type MassUnit = "kg" | "lb";
export type LengthUnit = "cm" | "in";

/** OCR reads `lb` as `Ib` or `1b` (evolt-report.md §13). */
export function massUnitOf(text: string): MassUnit | null {
  if (/\d\s*kgs?\b/i.test(text) || /\bkgs?\b/i.test(text)) return "kg";
  if (/\d\s*(?:lbs?|Ib|1b)\b/i.test(text) || /\b(?:lbs?|Ib)\b/i.test(text)) return "lb";
  return null;
}

/** Full precision, never rounded after converting (scan-format.md). */
export function toKg(value: number, unit: MassUnit): number {
  return unit === "lb" ? value * KG_PER_LB : value;
}

export function toCm(value: number, unit: LengthUnit): number {
  return unit === "in" ? value * CM_PER_IN : value;
}

export interface Height {
  cm: number;
  unit: LengthUnit;
}

/** `180 cm`, `180.5cm`, `5 ft 11 in`, `5ft 11in`, `5' 11"`, `5 11"`, `71 in`. */
export function parseHeight(text: string): Height | null {
  const t = text.trim();
  const metric = /^(\d{2,3}(?:\.\d+)?)\s*cm$/i.exec(t);
  if (metric) return { cm: Number(metric[1]), unit: "cm" };
  const feet = /^(\d)\s*(?:ft|feet|'|’)\s*(?:(\d{1,2}(?:\.\d+)?)\s*(?:in|inches|"|”|'')?)?$/i.exec(t);
  if (feet) return { cm: (Number(feet[1]) * 12 + Number(feet[2] ?? 0)) * CM_PER_IN, unit: "in" };
  // the feet mark faded out of a print or photo: `5 8"` is still feet then inches (a gap, under 12 inches)
  const markless = /^([3-7])\s+(\d|1[01])\s*(?:in|"|”|'')$/i.exec(t);
  if (markless) return { cm: (Number(markless[1]) * 12 + Number(markless[2])) * CM_PER_IN, unit: "in" };
  const inches = /^(\d{2}(?:\.\d+)?)\s*(?:in|inches|")$/i.exec(t);
  if (inches) return { cm: Number(inches[1]) * CM_PER_IN, unit: "in" };
  return null;
}

export interface Weight {
  value: number;
  unit: MassUnit | null;
}

export function parseWeight(text: string): Weight | null {
  const match = /^(\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s*([a-z1]*)\.?$/i.exec(text.trim());
  if (!match) return null;
  const value = Number((match[1] ?? "").replaceAll(",", ""));
  if (!Number.isFinite(value)) return null;
  const unitText = match[2] ?? "";
  const unit = massUnitOf(`${value} ${unitText}`);
  if (unitText !== "" && unit === null) return null;
  return { value, unit };
}
