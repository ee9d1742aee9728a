// What a member types to correct a photo read, and how a correction meets the sheet's own sums.
import { describe, expect, it } from "vitest";
import { isPlausible, PLAUSIBLE_METRICS } from "../../src/domain/plausible-values.ts";
import { parseCorrections } from "../../src/use-cases/photo-corrections.ts";
import { correctRecord } from "../../src/use-cases/photo-read-record.ts";
import { makeRecord } from "../support/records.ts";

describe("corrections a member types", () => {
  it("take several values in one message, by the words /goal knows, in the member's units", () => {
    expect(parseCorrections("weight 81.4, muscle 36", "kg", null)).toEqual({
      kind: "ok",
      values: [
        { metric: "weight_kg", value: 81.4 },
        { metric: "skeletal_muscle_mass_kg", value: 36 },
      ],
      scannedAt: null,
    });
    expect(parseCorrections("Fat mass 18,2\nbody fat 22.5%", "kg", null)).toMatchObject({
      values: [
        { metric: "body_fat_mass_kg", value: 18.2 },
        { metric: "body_fat_pct", value: 22.5 },
      ],
    });
    // pounds for a member who uses them, kg when typed
    expect(parseCorrections("weight 180", "lb", null)).toMatchObject({ values: [{ value: 81.65 }] });
    expect(parseCorrections("weight 80 kg muscle 36", "lb", null)).toMatchObject({
      values: [{ value: 80 }, { metric: "skeletal_muscle_mass_kg", value: 16.33 }],
    });
  });

  it("read a date, keeping the printed time when none is typed", () => {
    expect(parseCorrections("date 2026-03-14", "kg", "2026-03-15T07:35")).toEqual({
      kind: "ok",
      values: [],
      scannedAt: "2026-03-14T07:35",
    });
    expect(parseCorrections("date 2026-03-14 18:05 weight 80", "kg", null)).toMatchObject({
      scannedAt: "2026-03-14T18:05",
      values: [{ metric: "weight_kg", value: 80 }],
    });
    expect(parseCorrections("date 2026-02-30", "kg", null).kind).toBe("not_understood");
  });

  it("say which part was not understood, and refuse a value no sheet prints", () => {
    expect(parseCorrections("weight 80, musle 36", "kg", null)).toEqual({
      kind: "not_understood",
      part: "musle 36",
    });
    expect(parseCorrections("thanks!", "kg", null)).toEqual({ kind: "not_understood", part: "thanks!" });
    expect(parseCorrections("muscle 36%", "kg", null).kind).toBe("not_understood");
    expect(parseCorrections("body fat 95", "kg", null)).toEqual({
      kind: "implausible",
      metric: "body_fat_pct",
    });
  });

  it("refuse exactly the values the sheet readers refuse (one table of bounds)", () => {
    const [low, high] = PLAUSIBLE_METRICS.visceral_fat_level ?? [Number.NaN, Number.NaN];
    expect(parseCorrections(`visceral ${low}`, "kg", null).kind).toBe("ok");
    expect(parseCorrections(`visceral ${high}`, "kg", null).kind).toBe("ok");
    expect(parseCorrections(`visceral ${high + 1}`, "kg", null).kind).toBe("implausible");
    expect(isPlausible("visceral_fat_level", high + 1)).toBe(false);
  });
});

describe("a correction against the sheet's sums", () => {
  const record = makeRecord({ scannedAt: "2026-05-01T08:00", weightKg: 80, fatPct: 20 });

  it("keeps the member's value and lets go of a read value that now disagrees", () => {
    const result = correctRecord(
      record,
      { values: [{ metric: "weight_kg", value: 90 }], scannedAt: null },
      [],
    );
    expect(result.kind).toBe("ok");
    if (result.kind !== "ok") return;
    expect(result.record.metrics.weight_kg).toBe(90);
    // lean + fat no longer makes 90, and fat ÷ weight no longer the printed %: the read fat mass gives way
    expect(result.record.metrics.body_fat_mass_kg).toBeNull();
    expect(result.record.metrics.lean_body_mass_kg).toBe(record.metrics.lean_body_mass_kg);
    expect(result.corrected).toEqual(["weight_kg"]);
  });

  it("refuses typed values that disagree among themselves", () => {
    const typed = [
      { metric: "weight_kg" as const, value: 90 },
      { metric: "body_fat_mass_kg" as const, value: 10 },
      { metric: "lean_body_mass_kg" as const, value: 60 },
    ];
    expect(correctRecord(record, { values: typed, scannedAt: null }, [])).toMatchObject({ kind: "conflict" });
  });
});
