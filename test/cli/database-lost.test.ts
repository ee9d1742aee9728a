// When PostgreSQL goes away under a `pump` command (here: its connections are terminated mid-ingest), the
// command says so in one line and exits non-zero — and what it stored is whole, so running it again finishes.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/test-db.ts";

const FILES = 400;

describe("pump ingest when the database connection is lost", () => {
  const t = useTestDatabase();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "pump-db-lost-"));
    for (let i = 0; i < FILES; i++) {
      await writeFile(path.join(dir, `scan-${String(i).padStart(3, "0")}.pdf`), `not a pdf, file ${i}\n`);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const ingest = () => {
    const child = spawn(process.execPath, ["bin/pump.js", "ingest", dir, "--member", "Backfill Bea"], {
      env: { ...process.env, DATABASE_URL: t.current.url, LOG_LEVEL: "silent", EXTRACT_WORKERS: "1" },
    });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    return { exited, output: () => ({ stderr, stdout }) };
  };
  const storedFiles = async () =>
    (await t.current.sql<{ n: number }[]>`select count(*)::int as n from bronze.raw_files`)[0]!.n;

  it("prints one clear line instead of `write EPIPE`, and a second run finishes the backfill", async () => {
    const run = ingest();
    // wait until the backfill is under way, then cut every connection it holds (it must be mid-run)
    let ended = false;
    void run.exited.then(() => {
      ended = true;
    });
    while (!ended && (await storedFiles()) < 5) await new Promise((r) => setTimeout(r, 20));
    expect(ended).toBe(false);
    while (!ended) {
      await t.current.sql`
        select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and application_name like 'ronald-pump/%'`;
      await new Promise((r) => setTimeout(r, 20));
    }
    const code = await run.exited;
    const { stderr } = run.output();
    expect(code).not.toBe(0);
    // not the driver's bare `write EPIPE` / `write CONNECTION_CLOSED <socket>`, not a stack
    expect(stderr).not.toMatch(/error: write |\n\s+at /);
    expect(stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^error: the database connection was lost \(.+\); nothing half-written was kept — run the command again$/,
      ),
    ]);
    expect(await storedFiles()).toBeLessThan(FILES);

    const again = ingest();
    expect(await again.exited).toBe(0);
    expect(again.output().stdout).toMatch(/rejected/);
    expect(await storedFiles()).toBe(FILES);
    const [unread] = await t.current.sql<{ n: number }[]>`
      select count(*)::int as n from bronze.raw_files f
      where not exists (select 1 from bronze.scan_reports r where r.raw_sha256 = f.sha256)`;
    expect(unread!.n).toBe(0);
  });
});
