// The words after a scan: exact privately, relative in a group, and the answers to duplicates.
import { describe, expect, it } from "vitest";
import { plainText, telegramHtml } from "../../../bot/replies/markup.ts";
import {
  duplicateText,
  nameMismatchQuestion,
  ownershipAnswer,
  scanDetails,
  scanGroupSummary,
} from "../../../bot/replies/scan.ts";
import { acceptedScan, history } from "./builders.ts";

const first = {
  at: "2026-03-02T07:30",
  values: {
    weight_kg: 84,
    body_fat_mass_kg: 18.5,
    body_fat_pct: 22,
    skeletal_muscle_mass_kg: 36,
    lean_body_mass_kg: 65.5,
    total_body_water_kg: 47,
  },
};
const second = {
  at: "2026-03-30T07:30",
  values: {
    weight_kg: 82.9,
    body_fat_mass_kg: 17,
    body_fat_pct: 21.8,
    skeletal_muscle_mass_kg: 36.2,
    lean_body_mass_kg: 65.9,
    total_body_water_kg: 47.2,
  },
};
/** an exact body value with a mass unit, as a group must never see */
const EXACT_MASS = /\d+\.\d (kg|lb)\b/;

describe("a first scan", () => {
  const reply = acceptedScan(history([first]));

  it("is a starting point, with the values privately", () => {
    const text = scanDetails(reply, plainText);
    expect(text).toContain("Your first scan is in (2 Mar)");
    expect(text).toContain("• weight: 84.0 kg");
    expect(text).toContain("• body fat: 22.0%");
  });

  it("is news in the group, without a number", () => {
    const text = scanGroupSummary(reply, telegramHtml, reply.memberName);
    expect(text).toBe("✅ <b>Ana &lt;Silva&gt;</b> logged a first scan — the starting line is drawn. 💪");
  });
});

describe("a second scan", () => {
  const reply = acceptedScan(history([first, second]));

  it("says privately what changed, real or not, and where the weight went", () => {
    const text = scanDetails(reply, plainText);
    expect(text).toContain("Scan of 30 Mar read (scan #2).");
    expect(text).toContain("Since your last scan (2 Mar):");
    expect(text).toContain("• fat mass −1.5 kg — a real change");
    expect(text).toContain("• weight −1.1 kg — a real change");
    expect(text).toContain("• muscle +0.2 kg, body fat −0.2 pts — within normal day-to-day variation");
    expect(text).toContain(
      "↳ where the weight change came from: fat −1.5 kg, lean +0.4 kg (of which water +0.2 kg)",
    );
  });

  it("shows masses in pounds to a member who asked for them", () => {
    expect(scanDetails({ ...reply, units: "lb" }, plainText)).toContain("• fat mass −3.3 lb — a real change");
  });

  it("gives the group relative changes only", () => {
    const text = scanGroupSummary(reply, plainText, reply.memberName);
    expect(text).toContain("has a new scan (#2).");
    expect(text).toContain("• fat mass −8.1% — a real change");
    expect(text).not.toMatch(EXACT_MASS);
  });
});

describe("other answers", () => {
  it("tell a duplicate file from a re-exported scan and from someone else's file", () => {
    const base = { kind: "duplicate" as const, memberId: 1, scanId: "s", scannedAt: "2026-03-02T07:30" };
    expect(duplicateText({ ...base, reason: "same_file", ownedByOther: false })).toBe(
      "👍 I already have this file (scan of 2 Mar 2026) — nothing new to add.",
    );
    expect(duplicateText({ ...base, reason: "same_scan", ownedByOther: false })).toContain("exported again");
    expect(duplicateText({ ...base, reason: "same_file", ownedByOther: true })).toContain("another member");
  });

  it("ask about a sheet printed for someone else, with the names escaped", () => {
    const reply = acceptedScan(history([first]), { nameMismatch: { printed: "BEN & CO", usual: "ANA" } });
    expect(nameMismatchQuestion(reply, telegramHtml)).toContain("printed for <b>BEN &amp; CO</b>");
    expect(ownershipAnswer("removed")).toContain("no longer in your history");
  });
});
