import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { createLogger } from "../../src/log.ts";

const log = createLogger("silent");

function postgresProcessesFor(dir: string): string[] {
  const ps = spawnSync("ps", ["-eo", "pid,args"], { encoding: "utf8" }).stdout;
  return ps.split("\n").filter((line) => line.includes("postgres") && line.includes(path.join(dir, "pg")));
}

function holdDatabase(dir: string, name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/hold-embedded-db.ts", dir, name], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`holder exited early (${code})`)));
  });
}

describe("embedded PostgreSQL in DATA_DIR", () => {
  const dirs: string[] = [];
  const newDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "pump-embedded-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("initialises on first start, keeps data across a clean stop and start, and leaves no server behind", async () => {
    const dir = await newDir();
    const first = await openDatabase({ database: { embedded: { dataDir: dir } } }, log);
    await first.sql`insert into app.members (display_name) values ('first')`;
    await first.close();
    expect(postgresProcessesFor(dir)).toEqual([]);

    const second = await openDatabase({ database: { embedded: { dataDir: dir } } }, log);
    const rows = await second.sql<{ display_name: string }[]>`select display_name from app.members`;
    await second.close();
    expect(rows.map((r) => r.display_name)).toEqual(["first"]);
    expect(postgresProcessesFor(dir)).toEqual([]);
  });

  it("recovers after kill -9 of the process holding it, without losing rows", async () => {
    const dir = await newDir();
    const holder = await holdDatabase(dir, "before-crash");
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    // the orphaned server (and its postmaster.pid) are still there
    expect(postgresProcessesFor(dir).length).toBeGreaterThan(0);

    const next = await openDatabase({ database: { embedded: { dataDir: dir } } }, log);
    await next.sql`insert into app.members (display_name) values ('after-crash')`;
    const rows = await next.sql<{ display_name: string }[]>`select display_name from app.members order by id`;
    await next.close();
    expect(rows.map((r) => r.display_name)).toEqual(["before-crash", "after-crash"]);
    expect(postgresProcessesFor(dir)).toEqual([]);
  });

  it("starts after a crash of the server itself (stale postmaster.pid)", async () => {
    const dir = await newDir();
    const holder = await holdDatabase(dir, "kept");
    for (const line of postgresProcessesFor(dir))
      process.kill(Number(line.trim().split(/\s+/)[0]), "SIGKILL");
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    expect(existsSync(path.join(dir, "pg", "postmaster.pid"))).toBe(true);

    const next = await openDatabase({ database: { embedded: { dataDir: dir } } }, log);
    const rows = await next.sql<{ display_name: string }[]>`select display_name from app.members`;
    await next.close();
    expect(rows.map((r) => r.display_name)).toEqual(["kept"]);
  });

  it("leaves the server running for another process that still uses it", async () => {
    const dir = await newDir();
    const holder = await holdDatabase(dir, "the bot");
    const cli = await openDatabase({ database: { embedded: { dataDir: dir } } }, log);
    await cli.sql`insert into app.members (display_name) values ('a pump command')`;
    await cli.close();
    expect(postgresProcessesFor(dir).length).toBeGreaterThan(0);

    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    const last = await openDatabase({ database: { embedded: { dataDir: dir } } }, log);
    const rows = await last.sql<{ display_name: string }[]>`select display_name from app.members order by id`;
    await last.close();
    expect(rows.map((r) => r.display_name)).toEqual(["the bot", "a pump command"]);
    expect(postgresProcessesFor(dir)).toEqual([]);
  });
});
