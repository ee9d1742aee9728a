// The demo's story: three members of a gym group, their generated Evolt sheets four weeks apart, and what
// they ask the bot. Scene times drive the bot's clock, so the story reads the same whenever it is run.
import type { PersonInput } from "../../../test/fixtures/person.ts";

export const DEMO_GROUP = "Morning Crew";

export interface DemoMember {
  firstName: string;
  lastName: string;
  /** the first sheet (the printed name is the member's, in capitals, as the scanner prints it) */
  sheet: PersonInput;
  /** the second sheet, four weeks later */
  change: { fatKgChange: number; leanKgChange: number };
}

export const DEMO_MEMBERS: DemoMember[] = [
  {
    firstName: "Ana",
    lastName: "Silva",
    sheet: {
      sex: "female",
      age: 31,
      heightCm: 167,
      weightKg: 68,
      bodyFatPct: 31,
      scannedAt: "2026-03-02T07:31",
      name: "ANA SILVA",
      seed: 3,
    },
    change: { fatKgChange: -1.9, leanKgChange: 0.7 },
  },
  {
    firstName: "Ben",
    lastName: "Cole",
    sheet: {
      sex: "male",
      age: 38,
      heightCm: 182,
      weightKg: 92,
      bodyFatPct: 27,
      scannedAt: "2026-03-02T07:44",
      name: "BEN COLE",
      seed: 5,
    },
    change: { fatKgChange: -0.3, leanKgChange: 0.1 },
  },
  {
    firstName: "Cy",
    lastName: "Tran",
    sheet: {
      sex: "male",
      age: 26,
      heightCm: 175,
      weightKg: 74,
      bodyFatPct: 17,
      scannedAt: "2026-03-02T07:58",
      name: "CY TRAN",
      seed: 7,
    },
    change: { fatKgChange: -0.7, leanKgChange: 1.2 },
  },
];

/** What a member does in a scene; the demo waits until the bot has answered before the next step. */
export type DemoStep =
  | { member: number; in: "private" | "group"; text: string }
  | { member: number; in: "group"; scan: "first" | "second" }
  | { weeklySummary: true };

export interface DemoScene {
  /** a heading on the page */
  title: string;
  /** UTC; each step takes a minute */
  at: string;
  steps: DemoStep[];
}

export const DEMO_SCENES: DemoScene[] = [
  {
    title: "Everyone says hello to the bot privately",
    at: "2026-03-01T19:02:00Z",
    steps: [0, 1, 2].map((member) => ({ member, in: "private" as const, text: "/start" })),
  },
  {
    title: "First scans, posted in the group",
    at: "2026-03-02T08:05:00Z",
    steps: [
      { member: 0, in: "group", scan: "first" },
      { member: 1, in: "group", scan: "first" },
      { member: 2, in: "group", scan: "first" },
      { member: 2, in: "private", text: "/goal fat 12" },
    ],
  },
  {
    title: "Four weeks later: second scans",
    at: "2026-03-30T07:52:00Z",
    steps: [
      { member: 0, in: "group", scan: "second" },
      { member: 1, in: "group", scan: "second" },
      { member: 2, in: "group", scan: "second" },
    ],
  },
  {
    title: "How am I doing, and who leads?",
    at: "2026-03-30T08:20:00Z",
    steps: [
      { member: 0, in: "group", text: "/progress" },
      { member: 1, in: "group", text: "/leaderboard" },
    ],
  },
  {
    title: "The weekly summary, Monday 09:00",
    at: "2026-03-30T09:00:00Z",
    steps: [{ weeklySummary: true }],
  },
];
