// Realistic, deterministic sample inputs for tests, the benchmark and docs/charts.
import type {
  LeaderboardChartInput,
  ProgressChartInput,
  ProgressPoint,
  SegmentChartInput,
  WeeklySummaryChartInput,
} from "../../src/charts/types.ts";

/** Small deterministic PRNG so samples (and pixel tests) are stable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");
export function isoLocal(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const NOISE = {
  weight_kg: 0.9,
  body_fat_mass_kg: 1.0,
  skeletal_muscle_mass_kg: 0.6,
  body_fat_pct: 1.2,
};

/** `count` scans every `everyDays` days from `start`: fat slowly down, muscle slowly up, with noise. */
export function progressPoints(
  count: number,
  everyDays = 21,
  start = new Date(2024, 0, 8, 7, 30),
): ProgressPoint[] {
  const r = rng(count * 7919 + everyDays);
  const points: ProgressPoint[] = [];
  for (let i = 0; i < count; i++) {
    const t = count === 1 ? 0 : i / (count - 1);
    const at = new Date(start.getTime() + i * everyDays * 86_400_000);
    const muscle = 34.2 + 2.1 * t + (r() - 0.5) * 0.5;
    const fat = 19.8 - 5.2 * t + Math.sin(i / 3) * 0.6 + (r() - 0.5) * 0.6;
    const other = 33.1 + (r() - 0.5) * 0.4;
    const weight = muscle + fat + other;
    points.push({
      at: isoLocal(at),
      weight_kg: Math.round(weight * 10) / 10,
      body_fat_mass_kg: Math.round(fat * 10) / 10,
      skeletal_muscle_mass_kg: Math.round(muscle * 10) / 10,
      body_fat_pct: Math.round((fat / weight) * 1000) / 10,
    });
  }
  return points;
}

export function progressInput(
  count: number,
  overrides: Partial<ProgressChartInput> = {},
): ProgressChartInput {
  return {
    title: "Alex \u2014 progress",
    unit: "kg",
    points: progressPoints(count),
    noise: NOISE,
    goal: { metric: "body_fat_pct", target: 15 },
    ...overrides,
  };
}

export const LEADERBOARD_NAMES = [
  "Sam",
  "Priya Raghunathan",
  "Jordan",
  "Mia \uD83D\uDCAA",
  "Chris",
  "Alexandra Konstantinopoulou-Smith",
  "Tom",
  "Lena",
  "Marco",
  "Aisha",
  "Ben",
  "Yuki",
  "Olu",
  "Kate",
  "Diego",
  "Fatima",
  "Noah",
  "Ivy",
  "Raj",
  "Zoe",
  "Leo",
  "Nina",
  "Omar",
  "Ella",
  "Finn",
  "Grace",
  "Hugo",
  "Isla",
  "Jack",
  "Kira",
];

/** `count` rows with realistic scores (percent body-fat change, lower is better) including a tie. */
export function leaderboardInput(count: number): LeaderboardChartInput {
  const r = rng(count * 31 + 1);
  const scores = Array.from(
    { length: count },
    (_, i) => Math.round((-3.4 + i * 0.32 + (r() - 0.5) * 0.2) * 10) / 10,
  );
  if (count >= 4) scores[2] = scores[1]!;
  const sorted = scores.map((score, i) => ({
    score,
    name: LEADERBOARD_NAMES[i % LEADERBOARD_NAMES.length]!,
  }));
  sorted.sort((a, b) => a.score - b.score);
  const rows = sorted.map((row, i) => {
    const rank = sorted.findIndex((o) => o.score === row.score) + 1;
    const tied = sorted.filter((o) => o.score === row.score).length > 1;
    return { name: row.name, rank, tied, score: row.score, withinNoise: Math.abs(row.score) < 1.2 && i >= 0 };
  });
  return {
    title: "Body fat % change",
    periodLabel: "Last 12 weeks \u00B7 to 15 Mar 2026",
    unitLabel: "%",
    higherIsBetter: false,
    rows,
  };
}

export function weeklySummaryInput(): WeeklySummaryChartInput {
  return {
    groupName: "Iron Lions \uD83E\uDD81 6am crew",
    weekLabel: "Week 11 \u00B7 9\u201315 Mar 2026",
    scanned: ["Sam", "Priya", "Jordan", "Mia", "Chris", "Alexandra", "Tom"],
    realChanges: [
      { name: "Priya", label: "fat \u22121.8 kg", good: true },
      { name: "Jordan", label: "muscle +1.1 kg", good: true },
      { name: "Chris", label: "body fat +1.6%", good: false },
    ],
    movers: [
      { name: "Priya", from: 5, to: 2 },
      { name: "Tom", from: null, to: 6 },
      { name: "Chris", from: 3, to: 7 },
    ],
    dueRescan: ["Lena", "Marco", "Aisha", "Ben"],
    goalsReached: [{ name: "Sam", label: "body fat under 15%" }],
  };
}

export function quietWeekInput(): WeeklySummaryChartInput {
  return {
    groupName: "Iron Lions",
    weekLabel: "Week 12 \u00B7 16\u201322 Mar 2026",
    scanned: [],
    realChanges: [],
    movers: [],
    dueRescan: ["Lena", "Marco"],
    goalsReached: [],
  };
}

export function segmentInput(unit: "kg" | "lb" = "kg"): SegmentChartInput {
  return {
    unit,
    subtitle: "Scan of 14 Mar 2026",
    segments: {
      left_arm: { lean_kg: 3.71, fat_kg: 0.87, lean_range: [2.88, 3.53], fat_range: [0.83, 1.24] },
      right_arm: { lean_kg: 3.6, fat_kg: 0.92, lean_range: [2.88, 3.53], fat_range: [0.83, 1.24] },
      torso: { lean_kg: 28.49, fat_kg: 8.14, lean_range: [21.68, 26.5], fat_range: [4.67, 7.0] },
      left_leg: { lean_kg: 9.03, fat_kg: 2.07, lean_range: [7.96, 9.73], fat_range: [1.83, 2.74] },
      right_leg: { lean_kg: 8.92, fat_kg: 1.7, lean_range: [7.96, 9.73], fat_range: [1.83, 2.74] },
    },
  };
}
