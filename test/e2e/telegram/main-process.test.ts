// The real entry point (`node --import tsx src/main.ts`) against the stand-in: embedded Postgres in a temp
// DATA_DIR, a scan and its reply, SIGTERM → exit 0 with no postgres left behind, and a restart that still
// knows the scan.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "../../fakes/telegram/fake-telegram.ts";
import { PDF, person, scanPdf } from "./harness.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
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

function startMain(): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? os.tmpdir(),
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    CI: "1",
  };
  // tsx resolved from the repository, since the child runs in an empty directory
  const tsx = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
  const child = spawn(process.execPath, ["--import", tsx, path.join(root, "src/main.ts")], {
    cwd: workDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Resolves once the bot holds a long poll; fails with the process output if it exits first. */
async function polling(run: ReturnType<typeof startMain>): Promise<void> {
  await Promise.race([
    tg.waitUntil(() => tg.longPollHeld, 60_000, "the bot to poll"),
    run.exited.then((code) => {
      throw new Error(`src/main.ts exited with ${code}:\n${run.output()}`);
    }),
  ]);
}

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
    const reply = await tg.nextMessage({ chat: tg.privateChat(user) });
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
    const progress = await tg.nextMessage({ chat: tg.privateChat(user) });
    await tg.waitUntilHandled(asked.update);
    expect(progress.plainText).toContain("1 scan");
    second.child.kill("SIGTERM");
    expect(await second.exited, second.output()).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  }, 120_000);
});
