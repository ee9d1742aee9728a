// Runs for different members in different groups go side by side across processes; one group's board is
// rebuilt by one run at a time. Observed through the locks (pg_locks), not a clock: while a run for a
// member of group A waits for A's board lock, a second process ingests for a member of group B to the end.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Sql } from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes } from "../support/records.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const t = useTestCore();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

const sender = (id: number) => ({ platform: "telegram", userId: String(id), displayName: `Member ${id}` });
const chat = (name: string) => ({ platform: "telegram", chatId: `-${name}`, title: `Group ${name}` });
const GROUP_LOCKS = 7710011;
const MEMBER_LOCKS = 7710010;

function ingestInChild(userId: number, group: string, day: number) {
  const spec = {
    record: { scannedAt: `2026-05-${String(day).padStart(2, "0")}T08:00`, weightKg: 80 + userId, fatPct: 23 },
    sender: sender(userId),
    group: chat(group),
  };
  const tsx = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
  const child = spawn(
    process.execPath,
    ["--import", tsx, path.join(root, "test/support/ingest-child.ts"), t.db.url, JSON.stringify(spec)],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const done = new Promise<{ kind: string }>((resolve, reject) =>
    child.once("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(output.trim().split("\n").pop()!))
        : reject(new Error(`exit ${code}: ${output}`)),
    ),
  );
  return { child, done };
}

async function locks(sql: Sql, namespace: number, key: number, granted: boolean): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from pg_locks
    where locktype = 'advisory' and classid = ${namespace} and objid = ${key} and granted = ${granted}
      and database = (select oid from pg_database where datname = current_database())`;
  return row!.n;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
  if (!(await check())) throw new Error(`never saw ${what}`);
}

describe("two processes", () => {
  it("ingest for members of different groups side by side; a group's board is rebuilt one run at a time", async () => {
    const { sql } = t.current;
    const seed = async (userId: number, group: string) => {
      const out = await t.current.ingestScan({
        bytes: recordBytes(makeRecord({ scannedAt: "2026-05-01T08:00", weightKg: 82 + userId, fatPct: 24 })),
        fileName: null,
        mimeType: null,
        platform: "telegram",
        sender: sender(userId),
        group: chat(group),
      });
      return out.kind === "accepted" ? out : Promise.reject(new Error(out.kind));
    };
    const ana = await seed(1, "a");
    const ben = await seed(2, "b");
    const cy = await seed(3, "a");

    // another run holds group a's board (as a second instance refreshing it would)
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let held!: () => void;
    const isHeld = new Promise<void>((r) => (held = r));
    const holder = sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${GROUP_LOCKS}, ${ana.groupId!})`;
      held();
      await holding;
    });
    await isHeld;

    const first = ingestInChild(1, "a", 10);
    // the first process holds ana's member lock and waits for group a's board
    await until(async () => (await locks(sql, GROUP_LOCKS, ana.groupId!, false)) === 1, "a wait for group a");
    expect(await locks(sql, MEMBER_LOCKS, ana.memberId, true)).toBe(1);

    // meanwhile a second process ingests for ben in group b, from start to end
    const second = ingestInChild(2, "b", 10);
    expect((await second.done).kind).toBe("accepted");
    const [benScan] =
      await sql`select 1 from gold.member_progress where member_id = ${ben.memberId} and scanned_at = '2026-05-10T08:00'`;
    expect(benScan).toBeDefined();
    expect(first.child.exitCode).toBeNull();
    expect(await locks(sql, GROUP_LOCKS, ana.groupId!, false)).toBe(1);

    // cy is in group a too: their run waits for the same board
    const third = ingestInChild(3, "a", 10);
    await until(
      async () => (await locks(sql, GROUP_LOCKS, ana.groupId!, false)) === 2,
      "two waits for group a",
    );

    release();
    await holder;
    expect((await first.done).kind).toBe("accepted");
    expect((await third.done).kind).toBe("accepted");
    const board = await sql<{ member_id: string; n: number }[]>`
      select member_id, count(*)::int as n from gold.leaderboard
      where group_id = ${ana.groupId!} and period = 'all' and metric = 'composite' group by member_id order by member_id`;
    expect(board.map((r) => [Number(r.member_id), r.n])).toEqual([
      [ana.memberId, 1],
      [cy.memberId, 1],
    ]);
  });
});
