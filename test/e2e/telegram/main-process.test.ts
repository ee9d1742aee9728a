// The real entry point (`npm start`, see main-process-harness.ts) against the stand-in: embedded Postgres in a temp
// DATA_DIR, a scan and its reply, SIGTERM → exit 0 with no postgres left behind, and a restart that still
// knows the scan.
import { type ChildProcess, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "../../fakes/telegram/fake-telegram.ts";
import { PDF, person, scanPdf } from "./harness.ts";
import { type MainRun, polling as polling_, startMain as startMain_ } from "./main-process-harness.ts";

let tg: FakeTelegram;
let dataDir: string;
let workDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  tg = new FakeTelegram({ defaultTimeoutMs: 40_000 });
  await tg.start();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "pump-main-data-"));
  workDir = mkdtempSync(path.join(os.tmpdir(), "pump-main-cwd-")); // no .env of the developer's
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await tg?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

const startMain = () => {
  const run = startMain_(tg, workDir, { DATA_DIR: dataDir });
  children.push(run.child);
  return run;
};
const polling = (run: MainRun) => polling_(tg, run);

function postgresProcessesFor(dir: string): string[] {
  const list = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" });
  return list.split("\n").filter((line) => line.includes(dir) && /postgres/.test(line));
}

describe("npm start (src/main.ts)", () => {
  it("serves a scan, stops cleanly on SIGTERM, and remembers the scan after a restart", async () => {
    const user = tg.createUser({ firstName: "Uma" });

    const first = startMain();
    await polling(first);
    const sent = tg.sendDocument({
      from: user,
      fileName: "scan.pdf",
      mimeType: PDF,
      bytes: await scanPdf(person("UMA BELL")),
    });
    const reply = await tg.nextMessage({ chat: tg.privateChat(user), method: "sendPhoto" });
    await tg.waitUntilHandled(sent.update);
    expect(reply.method).toBe("sendPhoto");
    expect(reply.plainText).toContain("Your first scan is in");

    first.child.kill("SIGTERM");
    expect(await first.exited, first.output()).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    // no body values, names or token in the logs
    expect(first.output()).not.toContain(tg.token);
    expect(first.output()).not.toMatch(/UMA BELL|\d+\.\d kg/);

    const second = startMain();
    await polling(second);
    const asked = tg.sendText({ from: user, text: "/progress" });
    // the chart's message: on the real clock the old fixture scan may also be due a rescan reminder (10–20 h)
    const progress = await tg.nextMessage({ chat: tg.privateChat(user), method: "sendPhoto" });
    await tg.waitUntilHandled(asked.update);
    expect(progress.plainText).toContain("1 scan");
    second.child.kill("SIGTERM");
    expect(await second.exited, second.output()).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  }, 120_000);
});
