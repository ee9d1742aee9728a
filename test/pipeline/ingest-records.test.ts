import { describe, expect, it } from "vitest";
import { useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes } from "../support/records.ts";

const alex = { platform: "telegram", userId: "100", displayName: "Alex" };
const group = { platform: "telegram", chatId: "-500", title: "Iron Crew" };

describe("ingest with canonical records", () => {
  const t = useTestCore();

  it("accepts a first scan, then a second one with changes classed by noise", async () => {
    const first = makeRecord({ scannedAt: "2026-03-14T07:35", weightKg: 80, fatPct: 20 });
    const out1 = await t.current.ingestScan({
      bytes: recordBytes(first),
      fileName: "a.pdf",
      mimeType: "application/pdf",
      platform: "telegram",
      sender: alex,
      group,
      chatId: "-500",
      messageId: "1",
    });
    expect(out1.kind).toBe("accepted");
    if (out1.kind !== "accepted") return;
    expect(out1.previous).toBeNull();
    expect(out1.milestones.map((m) => m.kind)).toContain("first_scan");

    const second = makeRecord({ scannedAt: "2026-04-11T07:40", weightKg: 78.2, fatPct: 18 });
    const out2 = await t.current.ingestScan({
      bytes: recordBytes(second),
      fileName: "b.pdf",
      mimeType: "application/pdf",
      platform: "telegram",
      sender: alex,
      group,
      chatId: "-500",
      messageId: "2",
    });
    expect(out2.kind).toBe("accepted");
    if (out2.kind !== "accepted") return;
    const fat = out2.current.changes.find((c) => c.metric === "body_fat_mass_kg")!;
    expect(fat.deltaPrev).toBeCloseTo(14.1 - 16, 1);
    expect(fat.classPrev).toBe("real");
    expect(out2.previous?.scanId).toBe(out1.scanId);
  });

  it("says which kind of duplicate it was", async () => {
    const first = makeRecord({ scannedAt: "2026-03-14T07:35", weightKg: 80, fatPct: 20 });
    const same = await t.current.ingestScan({
      bytes: recordBytes(first),
      fileName: "a.pdf",
      mimeType: null,
      platform: "telegram",
      sender: alex,
      group,
    });
    expect(same).toMatchObject({ kind: "duplicate", reason: "same_file" });
    const reexported = { ...first, warnings: [{ code: "x", message: "re-export" }] };
    const again = await t.current.ingestScan({
      bytes: recordBytes(reexported),
      fileName: "a2.pdf",
      mimeType: null,
      platform: "telegram",
      sender: alex,
      group,
    });
    expect(again).toMatchObject({ kind: "duplicate", reason: "same_scan" });
  });

  it("publishes a leaderboard for members with two scans", async () => {
    const rows = await t.current
      .sql`select * from gold.leaderboard where period = 'all' and metric = 'fat_loss_pct'`;
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.score)).toBeGreaterThan(0);
  });
});
