import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes } from "../support/records.ts";

const run = promisify(execFile);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("pump chart", () => {
  const t = useTestCore();
  let dir: string;
  const pump = (...args: string[]) =>
    run(process.execPath, ["bin/pump.js", ...args], {
      env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: "silent" },
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "pump-chart-cli-"));
    const group = { platform: "telegram", chatId: "-9", title: "Lift Club" };
    const people = [
      { userId: "1", displayName: "Alex", fat: [22, 19] },
      { userId: "2", displayName: "Bea", fat: [30, 29.5] },
    ];
    for (const p of people) {
      for (const [i, fatPct] of p.fat.entries()) {
        const record = makeRecord({
          scannedAt: `2026-0${i + 3}-10T08:00`,
          weightKg: 80 - i,
          fatPct,
          name: p.displayName,
        });
        await t.current.ingestScan({
          bytes: recordBytes(record),
          fileName: null,
          mimeType: null,
          platform: "telegram",
          sender: { platform: "telegram", userId: p.userId, displayName: p.displayName },
          group,
        });
      }
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("draws a member's progress and the group's leaderboard to PNG files", async () => {
    const progress = path.join(dir, "progress.png");
    const board = path.join(dir, "board.png");
    expect((await pump("chart", "progress", "--member", "alex", "--out", progress)).stdout).toMatch(
      /2 scans/,
    );
    expect((await pump("chart", "leaderboard", "--group", "Lift Club", "--out", board)).stdout).toMatch(
      /2 members/,
    );
    for (const file of [progress, board]) {
      const png = await readFile(file);
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(png.length).toBeGreaterThan(10_000);
    }
  });

  it("exits 2 with one line for a member it does not know", async () => {
    const error = await pump(
      "chart",
      "progress",
      "--member",
      "Nobody",
      "--out",
      path.join(dir, "x.png"),
    ).catch((e) => e);
    expect(error.code).toBe(2);
    expect(error.stderr.trim()).toBe('error: no member named "Nobody"');
  });
});
