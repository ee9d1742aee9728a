// One parse worker as the main process sees it: a child process with hard limits on each task's wall
// clock, resident memory and reply size. Breaking a limit kills the process; the pool starts another.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import type { Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { FrameReader, writeFrame } from "./frames.ts";
import type { CageLimits, WorkerRole } from "./limits.ts";
import { residentKb } from "./proc-memory.ts";
import type { TaskRequest, WorkerMessage } from "./protocol.ts";

export type Limit = "time" | "memory" | "output" | "exit";

/** The worker was killed (or died) while running a task. */
export class LimitExceeded extends Error {
  constructor(
    readonly limit: Limit,
    detail: string,
  ) {
    super(`parse worker ${limit === "exit" ? "died" : `broke its ${limit} limit`}: ${detail}`);
    this.name = "LimitExceeded";
  }
}

type Reply = Exclude<WorkerMessage, { type: "ready" }>;

const WATCH_INTERVAL_MS = 20;
/** A worker that is not ready by then (a broken install) fails its task instead of hanging it. */
const START_TIMEOUT_MS = 60_000;

/** Started from the TypeScript sources (tests, `tsx`) → the worker runs from them too; from dist/ → dist/. */
const FROM_SOURCES = import.meta.url.endsWith(".ts");
const ENTRY = fileURLToPath(new URL(`./worker-main.${FROM_SOURCES ? "ts" : "js"}`, import.meta.url));
const DEV_PRELOAD = new URL("./dev-preload.mjs", import.meta.url).href;
/**
 * RLIMIT_DATA counts writable mappings, and Node maps about 60 MB more than it touches (V8's reservations,
 * threads' stacks and heaps): the data limit sits well above the resident limit the watchdog enforces, so it
 * only stops what grows faster than the watchdog looks, and never a worker's start.
 */
const dataLimitMb = (limits: CageLimits) => Math.max(limits.memoryMb + 128, 384);
/** RLIMIT_DATA through the shell's ulimit (Linux counts ArrayBuffers and malloc in it, unlike V8's heap limit). */
const CAN_ULIMIT = process.platform === "linux" && existsSync("/bin/sh");

function command(limits: CageLimits, role: WorkerRole): [string, string[]] {
  const node = [
    `--max-old-space-size=${limits.heapMb}`,
    "--disallow-code-generation-from-strings",
    // a worker collects when a file left much garbage behind; without flushing the code it keeps running
    "--expose-gc",
    "--no-flush-bytecode",
    ...(FROM_SOURCES ? ["--import", DEV_PRELOAD] : []),
    ENTRY,
    role,
  ];
  if (!CAN_ULIMIT) return [process.execPath, node];
  const script = 'ulimit -d "$1" 2>/dev/null; shift; exec "$@"';
  return [
    "/bin/sh",
    ["-c", script, "pump-parse-worker", String(dataLimitMb(limits) * 1024), process.execPath, ...node],
  ];
}

interface Running {
  id: number;
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  watch: NodeJS.Timeout | null;
}

export class WorkerProcess {
  readonly ready: Promise<void>;
  /** settles when the process has exited */
  readonly gone: Promise<void>;
  tasksRun = 0;
  /** resident size after the last task, KiB */
  lastPeakKb: number | null = null;
  private readonly child: ChildProcess;
  private readonly channel: Socket;
  private running: Running | null = null;
  private killedFor: { limit: Limit; detail: string } | null = null;
  private exited = false;
  private nextId = 1;

  constructor(
    private readonly limits: CageLimits,
    private readonly onExit: (worker: WorkerProcess) => void,
    role: WorkerRole = "parse",
  ) {
    const [file, args] = command(limits, role);
    // No environment: a worker has no use for tokens, keys or database URLs.
    this.child = spawn(file, args, {
      stdio: ["ignore", "ignore", "ignore", "pipe"],
      env: {},
      windowsHide: true,
    });
    this.channel = this.child.stdio[3] as Socket;
    let markReady: () => void;
    let failStart: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    this.ready.catch(() => {});
    let markGone: () => void;
    this.gone = new Promise<void>((resolve) => {
      markGone = resolve;
    });
    const startTimer = setTimeout(() => this.kill("exit", "not ready in time"), START_TIMEOUT_MS);
    startTimer.unref();

    const reader = new FrameReader(
      limits.outputBytes,
      (message) => {
        const reply = message as WorkerMessage;
        if (reply.type === "ready") {
          clearTimeout(startTimer);
          this.idle();
          markReady();
          return;
        }
        this.finish(reply);
      },
      (announced) => this.kill("output", `a reply of ${announced} bytes`),
    );
    this.channel.on("data", (chunk: Buffer) => reader.push(chunk));
    this.channel.on("error", () => {});
    this.child.on("error", () => {});
    this.child.on("exit", (code, signal) => {
      this.exited = true;
      clearTimeout(startTimer);
      const cause = this.killedFor ?? { limit: "exit" as const, detail: `exit ${signal ?? code}` };
      failStart(new LimitExceeded(cause.limit, cause.detail));
      const running = this.running;
      if (running) {
        this.stopWatching(running);
        this.running = null;
        running.reject(new LimitExceeded(cause.limit, cause.detail));
      }
      this.onExit(this);
      markGone();
    });
  }

  get alive(): boolean {
    return !this.exited && this.killedFor === null;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Runs one task; the worker must be ready and idle. */
  run(task: string, input: Uint8Array, args: unknown): Promise<Reply> {
    if (this.running || !this.alive) return Promise.reject(new Error("parse worker is not idle"));
    const id = this.nextId++;
    this.busy();
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => this.kill("time", `over ${this.limits.timeMs} ms`), this.limits.timeMs);
      const pid = this.child.pid;
      const limitKb = this.limits.memoryMb * 1024;
      const watch =
        pid === undefined
          ? null
          : setInterval(() => {
              const kb = residentKb(pid);
              if (kb !== null && kb > limitKb) this.kill("memory", `${Math.round(kb / 1024)} MB resident`);
            }, WATCH_INTERVAL_MS);
      this.running = { id, resolve, reject, timer, watch };
      const request: TaskRequest = { id, task, input, args };
      writeFrame(this.channel, request);
    });
  }

  kill(limit: Limit, detail: string): void {
    if (this.exited || this.killedFor) return;
    this.killedFor = { limit, detail };
    // referenced until it has exited, so whoever awaits `gone` is not left with an empty event loop
    this.busy();
    this.child.kill("SIGKILL");
  }

  private finish(reply: Reply): void {
    const running = this.running;
    if (!running || running.id !== reply.id) return;
    this.stopWatching(running);
    this.running = null;
    this.tasksRun++;
    this.lastPeakKb = reply.peakKb;
    this.idle();
    running.resolve(reply);
  }

  private stopWatching(running: Running): void {
    clearTimeout(running.timer);
    if (running.watch) clearInterval(running.watch);
  }

  /** An idle worker does not keep the main process alive (a CLI command exits without closing the pool). */
  private idle(): void {
    this.child.unref();
    this.channel.unref();
  }

  private busy(): void {
    this.child.ref();
    this.channel.ref();
  }
}
