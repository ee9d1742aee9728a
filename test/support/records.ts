// Canonical records for tests that exercise the pipeline without PDFs: consistent by the sheet's own
// rules (evolt-report.md §9), so the SQL tests hold. `recordBytes` and `recordExtractor` (the extractor
// port, filled with a reader of those bytes) let the ingest path run with these records in place of PDFs.
import { imageFormatOf } from "../../src/domain/image-bytes.ts";
import {
  METRIC_KEYS,
  type MetricKey,
  type ScanRecord,
  ScanRejectedError,
} from "../../src/domain/scan-record.ts";
import { PARSER_VERSION } from "../../src/extract/extract-scan.ts";
import type { ScanExtractor } from "../../src/use-cases/ports.ts";

export interface PersonAt {
  name?: string;
  scannedAt: string;
  weightKg: number;
  fatPct: number;
  sex?: "male" | "female";
  heightCm?: number;
  age?: number;
  units?: "kg" | "lb";
}

const r1 = (v: number) => Math.round(v * 10) / 10;

export function makeRecord(p: PersonAt): ScanRecord {
  const weight = r1(p.weightKg);
  const fat = r1((weight * p.fatPct) / 100);
  const lean = r1(weight - fat);
  const tbw = r1(lean * 0.72);
  const protein = r1(lean * 0.2);
  const mineral = r1(lean - tbw - protein);
  const vfm = r1(fat * 0.14);
  const sfm = r1(fat - vfm);
  const icf = r1(tbw * 0.65);
  const bmr = Math.floor(370 + 21.6 * lean);
  const metrics = Object.fromEntries(METRIC_KEYS.map((k) => [k, null])) as Record<MetricKey, number | null>;
  Object.assign(metrics, {
    weight_kg: weight,
    lean_body_mass_kg: lean,
    skeletal_muscle_mass_kg: r1(lean * 0.555),
    protein_kg: protein,
    mineral_kg: mineral,
    total_body_water_kg: tbw,
    body_fat_mass_kg: fat,
    subcutaneous_fat_mass_kg: sfm,
    subcutaneous_fat_pct: r1((100 * sfm) / weight),
    visceral_fat_mass_kg: vfm,
    visceral_fat_pct: r1((100 * vfm) / weight),
    visceral_fat_area_cm2: Math.round(vfm * 28),
    body_fat_pct: r1((100 * fat) / weight),
    visceral_fat_level: Math.max(1, Math.round(vfm * 3)),
    intracellular_fluid_kg: icf,
    intracellular_fluid_pct: 65,
    extracellular_fluid_kg: r1(tbw - icf),
    extracellular_fluid_pct: 35,
    bmr_kcal: bmr,
    tee_kcal: Math.floor(bmr * 1.54),
    bio_age: p.age ?? 34,
    bwi: 7.0,
    abdominal_circumference_cm: 86.5,
    waist_to_hip_ratio: 0.86,
  });
  const seg = (share: number, fatShare: number) => ({
    lean_kg: Math.round(lean * share * 100) / 100,
    fat_kg: Math.round(fat * fatShare * 100) / 100,
    lean_status: "Optimal",
    fat_status: "Optimal",
    lean_range: null,
    fat_range: null,
  });
  return {
    format: "evolt360",
    parser_version: "1.0.0",
    source: "pdf",
    scanned_at: p.scannedAt,
    date_order: "DMY",
    date_confidence: "certain",
    subject: {
      name: p.name ?? "ALEX SAMPLE",
      sex: p.sex ?? "male",
      age: p.age ?? 34,
      height_cm: p.heightCm ?? 180,
    },
    units: { mass: p.units ?? "kg", length: p.units === "lb" ? "in" : "cm" },
    metrics,
    status: { lean_body_mass_kg: "Optimal" },
    ranges: { lean_body_mass_kg: [52.9, 64.7] },
    segments: {
      left_arm: seg(0.0577, 0.064),
      right_arm: seg(0.056, 0.066),
      torso: seg(0.443, 0.577),
      left_leg: seg(0.14, 0.145),
      right_leg: seg(0.139, 0.148),
    },
    balance: { upper_lower: "balanced", left_right: "balanced" },
    nutrition: {
      calories_kcal: [2300, 2400],
      protein_g: [150, 158],
      carbohydrates_g: [265, 275],
      fat_g: [68, 72],
    },
    warnings: [],
  };
}

const MAGIC = "TEST-RECORD:";

/** Bytes that stand for a record (unique per record), for ingest tests that skip PDF rendering. */
export function recordBytes(record: ScanRecord): Uint8Array {
  return new TextEncoder().encode(MAGIC + JSON.stringify(record));
}

const IMAGE_SIGNATURES = {
  jpeg: [0xff, 0xd8, 0xff, 0xe0],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
} as const;

/**
 * Bytes that are a picture by their signature and stand for a record read from it (what the OCR extractor
 * returns for a photo: `source: "image"`, `null` where it could not read), for tests of the photo flow.
 */
export function imageRecordBytes(
  record: ScanRecord,
  format: keyof typeof IMAGE_SIGNATURES = "jpeg",
): Uint8Array {
  const body = recordBytes(record);
  const bytes = new Uint8Array(IMAGE_SIGNATURES[format].length + body.length);
  bytes.set(IMAGE_SIGNATURES[format]);
  bytes.set(body, IMAGE_SIGNATURES[format].length);
  return bytes;
}

/** A record as read from a photo of the sheet: the given values unread. */
export function photoRecord(p: PersonAt, unread: MetricKey[] = []): ScanRecord {
  const record = makeRecord(p);
  for (const key of unread) record.metrics[key] = null;
  return { ...record, source: "image", segments: null, nutrition: null };
}

export async function extractFromRecordBytes(bytes: Uint8Array): Promise<ScanRecord> {
  let text = new TextDecoder().decode(bytes);
  const start = text.indexOf(MAGIC);
  if (start > 0 && start <= 8) text = text.slice(start);
  if (!text.startsWith(MAGIC)) throw new Error("not a test record");
  return JSON.parse(text.slice(MAGIC.length)) as ScanRecord;
}

/**
 * The extractor port over record bytes: the production parser version unless told otherwise, and an
 * optional change to each record (a "new parser" that reads one more value).
 */
export function recordExtractor(
  options: { parserVersion?: string; revise?: (record: ScanRecord) => ScanRecord } = {},
): ScanExtractor {
  return {
    parserVersion: options.parserVersion ?? PARSER_VERSION,
    warmUp: async () => {},
    extract: async (bytes) => {
      const record = await extractFromRecordBytes(bytes);
      return options.revise ? options.revise(record) : record;
    },
  };
}

/**
 * The extractor port as it stands for photos: record bytes are read as before, image record bytes give the
 * image record, and any other picture is `unreadable_image` (what the OCR extractor says of a picture with no
 * sheet on it).
 */
export function photoTestExtractor(): ScanExtractor {
  const records = recordExtractor();
  return {
    ...records,
    extract: async (bytes, context) => {
      try {
        return await records.extract(bytes, context);
      } catch (error) {
        if (imageFormatOf(bytes)) throw new ScanRejectedError("unreadable_image", "no sheet in the picture");
        throw error;
      }
    },
  };
}
