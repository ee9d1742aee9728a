// A sheet checked against itself: a changed digit becomes a warning that names the value, several become a
// rejection, and sheets that agree with themselves (in kilograms and in pounds) raise nothing.
import { describe, expect, it } from "vitest";
import type { ScanRecord } from "../../src/domain/scan-record.ts";
import { consistencyWarnings, rejectImplausible } from "../../src/extract/validate.ts";
import { expectedRecord } from "../fixtures/evolt-sheet.ts";
import { EXAMPLE_ALEX, makeScanSheet, randomPersonInput } from "../fixtures/person.ts";
import { seededRandom } from "../fixtures/random.ts";

const alex = () => structuredClone(expectedRecord(EXAMPLE_ALEX));
const codes = (record: ScanRecord) => consistencyWarnings(record, record.units.mass).map((w) => w.code);
/** One printed value changed, as a misread digit would change it. */
function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  target[key] = value;
}
const messages = (record: ScanRecord) => consistencyWarnings(record, record.units.mass).map((w) => w.message);

describe("a sheet checked against what it prints", () => {
  it("raises nothing on 2000 self-consistent sheets, metric and imperial, men and women", () => {
    const random = seededRandom(1812);
    const raised: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const units = i % 2 === 0 ? "metric" : "imperial";
      const record = expectedRecord(makeScanSheet(randomPersonInput(random, { units, seed: i + 1 })));
      expect(() => rejectImplausible(record)).not.toThrow();
      raised.push(...codes(record));
    }
    expect(raised).toEqual([]);
  });

  it.each<[string, (r: ScanRecord) => void, string, RegExp]>([
    [
      "a visceral share off its mass",
      (r) => set(r.metrics, "visceral_fat_pct", 3.4),
      "fat_pct_of_weight_mismatch",
      /visceral/,
    ],
    [
      "an intracellular share off its mass",
      (r) => set(r.metrics, "intracellular_fluid_pct", 61),
      "fluid_pct_mismatch",
      /intracellular/,
    ],
    [
      "a status word against its range",
      (r) => set(r.status, "lean_body_mass_kg", "High"),
      "status_range_mismatch",
      /lean body mass/,
    ],
    [
      "a status word that is not one",
      (r) => set(r.status, "body_fat_pct", "Opt1mal"),
      "status_word_unknown",
      /body fat percentage/,
    ],
    ["a range end changed", (r) => set(r.ranges, "mineral_kg", [3.6, 4.9]), "range_unusual", /mineral/],
    [
      "a segment range changed on one side",
      (r) => set(r.segments!.right_leg, "lean_range", [7.96, 9.78]),
      "segment_ranges_differ",
      /legs/,
    ],
    [
      "a segment range lost on one side",
      (r) => set(r.segments!.left_arm, "fat_range", null),
      "values_not_read",
      /left arm ranges/,
    ],
    ["a fat share lost", (r) => set(r.metrics, "visceral_fat_pct", null), "values_not_read", /visceral fat/],
    ["BWI lost next to bio age", (r) => set(r.metrics, "bwi", null), "values_not_read", /BWI/],
    [
      "a calorie band of the wrong width",
      (r) => set(r.nutrition!, "calories_kcal", [2300, 2900]),
      "nutrition_unusual",
      /nutrition/,
    ],
    [
      "a visceral area off its mass",
      (r) => set(r.metrics, "visceral_fat_area_cm2", 88),
      "visceral_area_unusual",
      /visceral fat area/,
    ],
  ])("turns %s into a warning a member can read", (_what, change, code, names) => {
    const record = alex();
    change(record);
    expect(codes(record)).toContain(code);
    const message = messages(record)[codes(record).indexOf(code)]!;
    expect(message).toMatch(names);
    // readable: a sentence, and no number a group could see
    expect(message).toMatch(/^[A-Z].*\.$/);
    expect(message).not.toMatch(/\d/);
  });

  it("refuses a sheet that breaks several rules at once as implausible", () => {
    const record = alex();
    record.metrics.visceral_fat_pct = 3.4;
    record.status.lean_body_mass_kg = "High";
    record.ranges.mineral_kg = [3.6, 4.9];
    expect(() => rejectImplausible(record)).toThrow(expect.objectContaining({ code: "implausible_values" }));
  });

  it("keeps one broken rule a warning, not a refusal", () => {
    const record = alex();
    record.ranges.mineral_kg = [3.6, 4.9];
    expect(() => rejectImplausible(record)).not.toThrow();
  });

  it("refuses scores outside their scale", () => {
    const record = alex();
    record.metrics.bwi = 17.6;
    expect(() => rejectImplausible(record)).toThrow(expect.objectContaining({ code: "implausible_values" }));
  });
});
