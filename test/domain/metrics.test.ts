// The metrics' names and numbers as members read them: aliases, units, signs, relative changes.
import { describe, expect, it } from "vitest";
import {
  formatDelta,
  formatSigned,
  formatValue,
  fromDisplay,
  LB_PER_KG,
  parseMetric,
  relativeChangeLabel,
  toDisplay,
} from "../../src/domain/metrics.ts";

describe("metric words", () => {
  it.each([
    ["fat", "body_fat_mass_kg"],
    ["BF%", "body_fat_pct"],
    [" body fat ", "body_fat_pct"],
    ["smm", "skeletal_muscle_mass_kg"],
    ["weight_kg", "weight_kg"],
  ])("%j is %s", (word, metric) => {
    expect(parseMetric(word)).toBe(metric);
  });

  it("knows no metric for an unknown or missing word", () => {
    expect(parseMetric("biceps")).toBeNull();
    expect(parseMetric(undefined)).toBeNull();
  });
});

describe("units", () => {
  it("converts masses only, and back without loss", () => {
    expect(toDisplay("weight_kg", 80, "lb")).toBeCloseTo(80 * LB_PER_KG, 10);
    expect(toDisplay("body_fat_pct", 20, "lb")).toBe(20);
    expect(fromDisplay("weight_kg", toDisplay("weight_kg", 72.3, "lb"), "lb")).toBeCloseTo(72.3, 10);
  });

  it("prints values with their unit", () => {
    expect(formatValue("weight_kg", 82.44, "kg")).toBe("82.4 kg");
    expect(formatValue("weight_kg", 82.44, "lb")).toBe("181.7 lb");
    expect(formatValue("body_fat_pct", 18, "lb")).toBe("18.0%");
    expect(formatValue("visceral_fat_level", 7.6, "kg")).toBe("8");
  });
});

describe("signs", () => {
  it("use a real minus, a plus, and ± for what rounds to zero", () => {
    expect(formatSigned(-1.25, 1)).toBe("−1.3");
    expect(formatSigned(0.04, 1)).toBe("±0.0");
    expect(formatSigned(-0.04, 1)).toBe("±0.0");
    expect(formatSigned(2, 0)).toBe("+2");
  });

  it("print deltas in the member's unit, percentages as points", () => {
    expect(formatDelta("body_fat_mass_kg", -1.8, "kg")).toBe("−1.8 kg");
    expect(formatDelta("body_fat_mass_kg", -1, "lb")).toBe("−2.2 lb");
    expect(formatDelta("body_fat_pct", -0.6, "kg")).toBe("−0.6 pts");
    expect(formatDelta("visceral_fat_level", 1, "kg")).toBe("+1");
  });
});

describe("relative changes (what a group may read)", () => {
  it("are relative to the value before for masses, in points for percentages", () => {
    expect(relativeChangeLabel("body_fat_mass_kg", 20, -1.62)).toBe("fat mass −8.1%");
    expect(relativeChangeLabel("skeletal_muscle_mass_kg", 35, 0.01)).toBe("muscle ±0.0%");
    expect(relativeChangeLabel("body_fat_pct", 24.2, -1.5)).toBe("body fat −1.5 pts");
  });

  it("are not made up when there is nothing to be relative to", () => {
    expect(relativeChangeLabel("weight_kg", 0, 2)).toBeNull();
  });
});
