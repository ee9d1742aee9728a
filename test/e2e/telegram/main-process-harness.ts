// Runs the real entry point as `npm start` does (`node bin/start.js`: src/main compiled in dist/, or the
// sources through tsx while dist/ is older than them) as a child process against the stand-in Telegram, in
// an empty working directory (no developer .env), with the given environment on top.
import { type ChildProcess, spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FakeTelegram } from "../../fakes/telegram/fake-telegram.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface MainRun {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

export function startMain(tg: FakeTelegram, workDir: string, env: Record<string, string>): MainRun {
  const child = spawn(process.execPath, [path.join(root, "bin/start.js")], {
    cwd: workDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? os.tmpdir(),
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      LOG_LEVEL: "warn",
      CI: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Resolves once the bot holds a long poll; fails with the process output if it exits first. */
export async function polling(tg: FakeTelegram, run: MainRun): Promise<void> {
  await Promise.race([
    tg.waitUntil(() => tg.longPollHeld, 60_000, "the bot to poll"),
    run.exited.then((code) => {
      throw new Error(`bin/start.js exited with ${code}:\n${run.output()}`);
    }),
  ]);
}
