// Scale-out, tried: two instances of the real entry point (`npm start`) on one database, in Telegram
// webhook mode behind a round-robin load balancer, in front of the stand-in Telegram. They start together
// (migrations, pg-boss queues), both serve updates, and each scan gets one reply, the weekly summary is
// posted once and each scan is one row of the Sheet (the CSV mirror in the shared DATA_DIR). The summary
// ticks are sent to the instances' queue by the test, as the cron does every minute, so that the test need
// not wait for cron minutes (their schedule is tested in test/summaries/jobs.test.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgOptions } from "../../../src/jobs/boss.ts";
import { FakeTelegram } from "../../fakes/telegram/fake-telegram.ts";
import { freePort } from "../../support/free-port.ts";
import { createTestDatabase, type TestDatabase } from "../../support/test-db.ts";
import { PDF, person, scanSeries } from "./harness.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const SECRET = "two-instances_secret";
let tg: FakeTelegram;
let db: TestDatabase;
let dataDir: string;
let workDir: string;
let balancer: Server;
let jobs: PgBoss | undefined;
const children: ChildProcess[] = [];
const SUMMARY_TICK = "weekly-summary-tick";

/** For what the stand-in does not announce (process output, database rows, files). */
async function poll(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Hands each request to the next instance in turn, as a load balancer would; counts what each got. */
async function startBalancer(port: number, backends: number[]): Promise<number[]> {
  const served = backends.map(() => 0);
  let next = 0;
  balancer = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const i = next++ % backends.length;
      served[i]!++;
      fetch(`http://127.0.0.1:${backends[i]}${request.url}`, {
        method: request.method ?? "POST",
        headers: Object.fromEntries(
          Object.entries(request.headers).filter(
            ([k]) => !["host", "content-length", "connection"].includes(k),
          ),
        ) as Record<string, string>,
        body: Buffer.concat(chunks),
      })
        .then(async (answer) => {
          response.writeHead(answer.status, {
            "content-type": answer.headers.get("content-type") ?? "text/plain",
          });
          response.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => {
          response.writeHead(502);
          response.end();
        });
    });
  });
  await new Promise<void>((resolve) => balancer.listen(port, "127.0.0.1", () => resolve()));
  return served;
}

function startInstance(webhookUrl: string, port: number) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? os.tmpdir(),
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    WEBHOOK_URL: webhookUrl,
    WEBHOOK_SECRET: SECRET,
    WEBHOOK_PORT: String(port),
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    EXTRACT_WORKERS: "1",
    LOG_LEVEL: "info",
    CI: "1",
  };
  const child = spawn(process.execPath, [path.join(root, "bin/start.js")], {
    cwd: workDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = Promise.race([
    poll(() => /"msg":"ready"/.test(output), 90_000, "an instance to be ready"),
    exited.then((code) => {
      throw new Error(`bin/start.js exited with ${code}:\n${output}`);
    }),
  ]);
  return { child, exited, ready, output: () => output };
}

function sheetRows(): string[] {
  const dir = path.join(dataDir, "sheets");
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".csv"));
  } catch {
    return [];
  }
  return files.flatMap((f) =>
    readFileSync(path.join(dir, f), "utf8")
      .split("\n")
      .slice(1)
      .filter((line) => line.trim() !== ""),
  );
}

beforeAll(async () => {
  tg = new FakeTelegram({ defaultTimeoutMs: 60_000 });
  await tg.start();
  db = await createTestDatabase({ migrate: false });
  dataDir = mkdtempSync(path.join(os.tmpdir(), "pump-two-data-"));
  workDir = mkdtempSync(path.join(os.tmpdir(), "pump-two-cwd-"));
});

/** The instances' job queue, seen from outside: only to send summary ticks, as their cron does. */
async function jobQueue(): Promise<PgBoss> {
  jobs = new PgBoss({
    ...pgOptions(db.url),
    schema: "jobs",
    max: 1,
    supervise: false,
    schedule: false,
    migrate: false,
  });
  await jobs.start();
  return jobs;
}

afterAll(async () => {
  await jobs?.stop({ graceful: false });
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await new Promise<void>((resolve) => (balancer ? balancer.close(() => resolve()) : resolve()));
  await tg?.stop();
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

describe("two instances on one database", () => {
  it("serve one webhook between them: each scan, summary and Sheet row exactly once", async () => {
    const [lbPort, port1, port2] = [await freePort(), await freePort(), await freePort()];
    const served = await startBalancer(lbPort, [port1, port2]);
    const url = `http://127.0.0.1:${lbPort}/telegram/webhook`;
    // started together on an empty database: both migrate, create the job queues, register the webhook
    const instances = [startInstance(url, port1), startInstance(url, port2)];
    await Promise.all(instances.map((i) => i.ready));
    expect(tg.webhook).toMatchObject({ url, secretToken: SECRET });

    const ana = tg.createUser({ firstName: "Ana" });
    const ben = tg.createUser({ firstName: "Ben" });
    const group = tg.createGroup({ title: "Two gyms", members: [ana, ben], botStatus: "administrator" });
    const scans = [
      ...(await scanSeries(person("ANA LIMA", { seed: 11 }), [{ fat: -1.2, lean: 0.3 }])).map((bytes) => ({
        from: ana,
        bytes,
      })),
      ...(await scanSeries(person("BEN OKAFOR", { seed: 12, weightKg: 95 }), [{ fat: -0.8, lean: 0.2 }])).map(
        (bytes) => ({ from: ben, bytes }),
      ),
    ];
    const messageIds: number[] = [];
    for (const scan of scans) {
      const sent = tg.sendDocument({ chat: group, fileName: "scan.pdf", mimeType: PDF, ...scan });
      await tg.waitUntilHandled(sent.update);
      messageIds.push(sent.message.message_id);
    }
    // both instances served updates
    expect(served.every((n) => n > 0)).toBe(true);
    // one reply in the group to each scan
    for (const id of messageIds) {
      expect({
        id,
        replies: tg.sent.filter((s) => s.chatId === group.id && s.replyTo === id).length,
      }).toEqual({
        id,
        replies: 1,
      });
    }

    // each scan one row of the Sheet, once both mirrors have had their turn
    await poll(() => sheetRows().length >= scans.length, 60_000, "the Sheet rows");
    const rows = sheetRows();
    expect(rows).toHaveLength(scans.length);
    expect(new Set(rows.map((r) => r.split(",")[0])).size).toBe(scans.length);

    // the group's summary is due a minute ago: the next tick of either instance posts it, once
    const queue = await jobQueue();
    // a tick now (the queue keeps at most one waiting: while one waits, this adds none)
    const tick = () => queue.send(SUMMARY_TICK, {});
    const now = new Date();
    const due = new Date(now.getTime() - 60_000);
    const weekday = ((due.getUTCDay() + 6) % 7) + 1;
    const time = due.toISOString().slice(11, 16);
    await db.sql`
      update app.groups set created_at = now() - interval '2 days', summary_weekday = ${weekday}, summary_time = ${time}
      where platform = 'telegram' and platform_chat_id = ${String(group.id)}`;
    const isSummary = (s: (typeof tg.sent)[number]) =>
      s.chatId === group.id && /week to/.test(s.plainText ?? "");
    await tick();
    await tg.waitUntil(() => tg.sent.some(isSummary), 150_000, "the weekly summary");
    const posted = new Date();
    // two more ticks ran after it (whichever instances ran them), and still one summary
    await poll(
      async () => {
        await tick();
        const [row] = await db.sql<{ n: number }[]>`
          select count(*)::int as n from jobs.job
          where name = ${SUMMARY_TICK} and state = 'completed' and completed_on > ${posted.toISOString()}::timestamptz`;
        return row!.n >= 2;
      },
      200_000,
      "two more summary ticks",
    );
    expect(tg.sent.filter(isSummary)).toHaveLength(1);
    const [claims] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from app.summaries_sent s join app.groups g on g.id = s.group_id
      where g.platform_chat_id = ${String(group.id)} and s.status = 'sent'`;
    expect(claims!.n).toBe(1);
    await queue.stop({ graceful: false });

    for (const instance of instances) instance.child.kill("SIGTERM");
    for (const instance of instances) expect(await instance.exited, instance.output()).toBe(0);
    for (const instance of instances) expect(instance.output()).not.toContain(tg.token);
  }, 420_000);
});
