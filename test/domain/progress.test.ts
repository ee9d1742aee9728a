// What a scan means against the noise: classes, personal bests, milestones.
import { describe, expect, it } from "vitest";
import type { TrackedMetric } from "../../src/domain/metrics.ts";
import {
  classify,
  type GoalView,
  milestonesFor,
  type NoiseThreshold,
  personalBests,
  type ScanPoint,
} from "../../src/domain/progress.ts";

const NOISE: NoiseThreshold[] = [
  { metric: "body_fat_mass_kg", likelyAt: 0.5, realAt: 0.9 },
  { metric: "skeletal_muscle_mass_kg", likelyAt: 0.3, realAt: 0.6 },
  { metric: "weight_kg", likelyAt: 0.5, realAt: 1 },
];

function scan(n: number, values: Partial<Record<TrackedMetric, number>>): ScanPoint {
  const all = {
    weight_kg: null,
    body_fat_mass_kg: null,
    body_fat_pct: null,
    lean_body_mass_kg: null,
    skeletal_muscle_mass_kg: null,
    visceral_fat_level: null,
    total_body_water_kg: null,
    ...values,
  };
  return { scanId: `s${n}`, scannedAt: `2026-0${n}-01T08:00`, values: all };
}

describe("classify", () => {
  it("calls a change real, likely or within noise by the metric's thresholds", () => {
    const fat = NOISE[0]!;
    expect(classify(-0.9, fat)).toBe("real");
    expect(classify(0.6, fat)).toBe("likely");
    expect(classify(-0.49, fat)).toBe("within_noise");
  });
});

describe("personal bests", () => {
  it("need a real margin over the best so far, in the metric's better direction", () => {
    const history = [
      scan(1, { body_fat_mass_kg: 20, skeletal_muscle_mass_kg: 30, weight_kg: 80 }),
      scan(2, { body_fat_mass_kg: 19, skeletal_muscle_mass_kg: 30.2, weight_kg: 79 }),
      scan(3, { body_fat_mass_kg: 18, skeletal_muscle_mass_kg: 30.5, weight_kg: 75 }),
    ];
    // fat 1.0 below the best (real), muscle 0.3 above (noise), weight has no better direction
    expect(personalBests(history, NOISE)).toEqual([
      { kind: "personal_best", metric: "body_fat_mass_kg", value: 18 },
    ]);
  });

  it("are not claimed before a third scan", () => {
    expect(
      personalBests([scan(1, { body_fat_mass_kg: 20 }), scan(2, { body_fat_mass_kg: 15 })], NOISE),
    ).toEqual([]);
  });
});

describe("milestones", () => {
  const goal: GoalView = {
    metric: "body_fat_mass_kg",
    target: 18,
    startValue: 20,
    latestValue: 18,
    progressPct: 100,
    reachedScanId: "s5",
    reachedAt: "2026-05-01T08:00",
  };

  it("mark the first scan", () => {
    expect(milestonesFor({ history: [scan(1, {})], noise: NOISE, goals: [], latestScanId: "s1" })).toEqual([
      { kind: "first_scan" },
    ]);
  });

  it("count round scan numbers and the goal reached by this very scan", () => {
    const history = [1, 2, 3, 4, 5].map((n) => scan(n, { body_fat_mass_kg: 20 - n * 0.1 }));
    expect(milestonesFor({ history, noise: NOISE, goals: [goal], latestScanId: "s5" })).toEqual([
      { kind: "scan_count", count: 5 },
      { kind: "goal_reached", metric: "body_fat_mass_kg", value: 18 },
    ]);
    expect(milestonesFor({ history, noise: NOISE, goals: [goal], latestScanId: "s4" })).toEqual([
      { kind: "scan_count", count: 5 },
    ]);
  });
});
