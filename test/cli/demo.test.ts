// `pump demo` end to end — the smoke test of the assembled product: the real bot on the stand-in Telegram,
// generated sheets, the SQL models, the charts and the weekly summary, written as one HTML page.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoResult, runDemo } from "../../src/cli/demo/run-demo.ts";
import { useTestDatabase } from "../support/test-db.ts";

describe("pump demo", () => {
  const db = useTestDatabase();
  const out = mkdtempSync(path.join(os.tmpdir(), "pump-demo-test-"));
  const lines: string[] = [];
  let result: DemoResult;
  let html: string;

  beforeAll(async () => {
    result = await runDemo({ outDir: out, databaseUrl: db.current.url, say: (line) => lines.push(line) });
    html = readFileSync(result.page, "utf8");
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  /** the HTML of one phone screen */
  const phone = (label: string) => {
    const start = html.indexOf(`aria-label="${label}"`);
    return html.slice(start, html.indexOf("</section>", start));
  };

  it("plays the whole story: scans, /progress, /leaderboard and the weekly summary", () => {
    const group = phone("Morning Crew");
    for (const name of ["Ana Silva", "Ben Cole", "Cy Tran"]) {
      expect(group).toContain(`<b>${name}</b> logged a first scan`);
      expect(group).toContain(`<b>${name}</b> has a new scan (#2).`);
    }
    expect(group).toContain("Body composition score — since the first scan");
    expect(group).toContain("Morning Crew: week to Mon 30 Mar");
    expect(phone("Cy's private chat")).toContain("You reached your fat mass goal of 12.0 kg!");
    expect(lines.some((line) => line.includes("Ana's private chat · Ronald Pump"))).toBe(true);
  });

  it("keeps exact body numbers out of the group and gives them to each member privately", () => {
    expect(phone("Morning Crew")).not.toMatch(/\d+\.\d (kg|lb)\b/);
    expect(phone("Ana's private chat")).toMatch(/fat mass: <b>\d+\.\d kg<\/b>/);
  });

  it("puts every chart next to the page as a PNG the page shows", () => {
    expect(result.images.length).toBe(9);
    for (const image of result.images) {
      expect(html).toContain(`src="${image}"`);
      expect(readFileSync(path.join(out, image)).subarray(1, 4).toString()).toBe("PNG");
    }
  });
});
