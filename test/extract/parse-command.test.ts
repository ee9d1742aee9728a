import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { SCANS_DIR } from "../fixtures/generate.ts";

const run = promisify(execFile);
const entry = join(import.meta.dirname, "parse-cli.ts");

async function pump(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", entry, ...args], {
      cwd: join(import.meta.dirname, "../.."),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("pump parse", () => {
  it("prints the record as 2-space JSON and exits 0", async () => {
    const result = await pump("parse", join(SCANS_DIR, "example-alex-metric.pdf"));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const record = JSON.parse(result.stdout);
    expect(result.stdout).toBe(`${JSON.stringify(record, null, 2)}\n`);
    expect(record.metrics.weight_kg).toBe(78.4);
    const expected = JSON.parse(readFileSync(join(SCANS_DIR, "example-alex-metric.expected.json"), "utf8"));
    expect(record.segments).toEqual(expected.segments);
  });

  it.each([
    ["not-a-pdf", "not_pdf"],
    ["encrypted", "encrypted_pdf"],
    ["invoice", "not_evolt_report"],
    ["implausible-sums", "implausible_values"],
  ])("%s exits 2 with one line `error: %s: …`", async (name, code) => {
    const result = await pump("parse", join(SCANS_DIR, `${name}.pdf`));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.split("\n").filter((line) => line !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^error: ${code}: [A-Z].+[.)]$`));
  });

  it("a missing file is a usage error, not a scan verdict", async () => {
    const result = await pump("parse", join(SCANS_DIR, "no-such-file.pdf"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*no such file\n$/);
  });

  it("--explain names the label and value item of every field", async () => {
    const result = await pump("parse", "--explain", join(SCANS_DIR, "example-alex-metric.pdf"));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^verdict: read$/m);
    expect(result.stdout).toMatch(
      /lean_body_mass_kg +"1\. LEAN BODY MASS" @ 15\.7,685\.04 size 6\.5 → "64\.3 \/ Optimal( \[52\.9 - 64\.7\])?" @ 21,660\.54 size 9\.5/,
    );
    expect(result.stdout).toMatch(/balance\.left_right .*→ "mark" .*\[balanced\]/);
  });

  it("--explain says which anchor failed, and keeps exit 2 and the error line", async () => {
    const result = await pump("parse", "--explain", join(SCANS_DIR, "evolt-grid-unreadable.pdf"));
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^verdict: refused as unsupported_layout$/m);
    expect(result.stdout).toMatch(/^failed: the lean body mass title .* owns no value/m);
    expect(result.stderr).toMatch(/^error: unsupported_layout: [A-Z].+\n$/);
  });
});

describe("pump layout", () => {
  it("--anonymize writes every item with its position, no value digit and no name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pump-layout-"));
    try {
      const out = join(dir, "layout.json");
      const result = await pump(
        "layout",
        "--anonymize",
        "--out",
        out,
        join(SCANS_DIR, "pdfkit-alex-metric.pdf"),
      );
      expect(result.code).toBe(0);
      const text = readFileSync(out, "utf8");
      const dump = JSON.parse(text);
      expect(dump).toMatchObject({ format: "pump-layout/1", anonymized: true, name: "replaced" });
      expect(dump.items.length).toBeGreaterThan(100);
      expect(dump.items.map((item: { text: string }) => item.text).join(" ")).not.toMatch(
        /[0-8]|ALEX|SAMPLE/,
      );
      expect(dump.items[0]).toEqual({
        text: expect.any(String),
        x: expect.any(Number),
        y: expect.any(Number),
        width: expect.any(Number),
        size: expect.any(Number),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
