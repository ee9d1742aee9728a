import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
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
});
