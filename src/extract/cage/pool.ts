// The cage: parse workers (child processes) kept warm, a bounded waiting line per caller key served
// round-robin, and the mapping of everything that can happen to a task onto the scan verdicts. The main
// process never runs pdf.js or the reader itself.
import { ExtractorBusyError } from "../../domain/extractor-busy.ts";
import { ScanRejectedError } from "../../domain/scan-record.ts";
import { FairQueue } from "./fair-queue.ts";
import { DEFAULT_LIMITS, DEFAULT_POOL, type PoolOptions } from "./limits.ts";
import type { TaskArgs, TaskName, TaskResult } from "./tasks.ts";
import { type Limit, LimitExceeded, WorkerProcess } from "./worker-process.ts";

export interface RunOptions<A = undefined> {
  /**
   * Who the file is for (a member id): tasks of one key wait behind each other, never in front of another
   * key's, and one key may hold at most `size - 1` workers while other keys wait.
   */
  key?: string;
  args?: A;
  /** wait for room even in a pool that refuses when full: for a file that cannot be kept to read later */
  waitForRoom?: boolean;
}

interface CageLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** What each task cost, as the worker measured it (for benchmarks and the hostile-file tallies). */
export interface TaskCost {
  task: string;
  ms: number;
  peakKb: number | null;
  verdict: "done" | "rejected" | "failed" | Limit;
}

interface Job {
  key: string;
  bytes: number;
  task: TaskName;
  input: Uint8Array;
  args: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export type ExtractorPoolOptions = Partial<Omit<PoolOptions, "limits">> & {
  limits?: Partial<PoolOptions["limits"]>;
  log?: CageLog;
  /** told about every finished task */
  onCost?: (cost: TaskCost) => void;
};

const NO_KEY = "";
const MAX_FAILED_STARTS = 3;

export class ExtractorPool {
  private readonly options: PoolOptions;
  private readonly log: CageLog | undefined;
  private readonly onCost: ((cost: TaskCost) => void) | undefined;
  private readonly workers = new Set<WorkerProcess>();
  private readonly idle: WorkerProcess[] = [];
  private readonly runningPerKey = new Map<string, number>();
  private readonly queue: FairQueue<Job>;
  /** callers waiting for room in the queue (whenFull: "wait") */
  private readonly admissions: Job[] = [];
  /** workers started and not yet ready */
  private starting = 0;
  /** workers in a row that exited before they were ready (a broken install, not a hostile file) */
  private failedStarts = 0;
  private warm = false;
  private closed = false;
  /** kills and deaths by limit, since the start */
  readonly kills: Record<Limit, number> = { time: 0, memory: 0, output: 0, exit: 0 };

  constructor(options: ExtractorPoolOptions = {}) {
    const { log, onCost, limits, ...pool } = options;
    this.options = { ...DEFAULT_POOL, ...pool, limits: { ...DEFAULT_LIMITS, ...limits } };
    this.log = log;
    this.onCost = onCost;
    this.queue = new FairQueue({
      total: this.options.queueLimit,
      perKey: this.options.queuePerKey,
      bytes: this.options.queueBytes,
    });
  }

  /**
   * Starts a worker and waits until it has loaded pdf.js, so the first file is read as fast as the rest. More
   * workers (up to `size`) start when files wait, and stay; a worker killed by a limit is replaced at once.
   */
  async warmUp(): Promise<void> {
    this.warm = true;
    if (this.workers.size === 0) this.spawn();
    await Promise.all([...this.workers].map((worker) => worker.ready.catch(() => {})));
  }

  /** The canonical record of one scan file (the `extract` task). */
  extract(input: Uint8Array, options: RunOptions = {}): Promise<TaskResult<"extract">> {
    return this.run("extract", input, options);
  }

  /**
   * Runs a named task on one file in a worker. Throws ScanRejectedError for a file that is refused (including
   * one that broke a limit: too_large), ExtractorBusyError when it was not read (the queue is full and whenFull
   * is "reject", the pool is closing, the workers cannot start).
   */
  run<N extends TaskName>(
    task: N,
    input: Uint8Array,
    options: RunOptions<TaskArgs<N>> = {},
  ): Promise<TaskResult<N>> {
    const key = options.key ?? NO_KEY;
    if (this.closed) return Promise.reject(new ExtractorBusyError(key, "closing"));
    return new Promise<TaskResult<N>>((resolve, reject) => {
      const job: Job = {
        key,
        bytes: input.byteLength,
        task,
        input,
        args: options.args,
        resolve: resolve as (value: unknown) => void,
        reject,
      };
      if (this.admissions.length === 0 && this.queue.admits(job)) {
        this.queue.push(job);
        this.dispatch();
      } else if (this.options.whenFull === "wait") {
        this.admissions.push(job);
      } else if (options.waitForRoom && this.admissions.length < this.options.queueLimit) {
        // files that cannot be kept wait too, in a line of their own no longer than the queue
        this.admissions.push(job);
      } else {
        reject(new ExtractorBusyError(key));
      }
    });
  }

  /** Stops every worker; waiting and running tasks fail with ExtractorBusyError("closing"), never a verdict. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.admissions.splice(0), ...this.queue.drain()]) {
      job.reject(new ExtractorBusyError(job.key, "closing"));
    }
    const workers = [...this.workers];
    for (const worker of workers) worker.kill("exit", "the extractor closed");
    await Promise.all(workers.map((worker) => worker.gone));
  }

  stats() {
    return {
      workers: this.workers.size,
      pids: [...this.workers].flatMap((worker) => (worker.pid === undefined ? [] : [worker.pid])),
      idle: this.idle.length,
      queued: this.queue.size + this.admissions.length,
      kills: { ...this.kills },
    };
  }

  private get perKeyCap(): number {
    return Math.max(1, this.options.size - 1);
  }

  private dispatch(): void {
    if (this.closed) return;
    for (;;) {
      const worker = this.idle.pop();
      if (!worker) break;
      const job = this.queue.take((key) => (this.runningPerKey.get(key) ?? 0) < this.perKeyCap);
      if (!job) {
        this.idle.push(worker);
        break;
      }
      this.admit();
      void this.execute(worker, job);
    }
    // grow towards `size` while more tasks wait than workers are starting
    while (this.workers.size < this.options.size && this.starting < this.queue.size) this.spawn();
  }

  /** Moves callers waiting for room into the queue, in the order they came. */
  private admit(): void {
    while (this.admissions.length > 0 && this.queue.admits(this.admissions[0]!)) {
      this.queue.push(this.admissions.shift()!);
    }
  }

  private spawn(): void {
    const worker = new WorkerProcess(this.options.limits, (gone) => this.forget(gone), this.options.role);
    this.workers.add(worker);
    this.starting++;
    worker.ready.then(
      () => {
        this.starting--;
        this.failedStarts = 0;
        if (!worker.alive) return;
        this.idle.push(worker);
        this.dispatch();
      },
      () => {
        this.starting--;
        if (++this.failedStarts < MAX_FAILED_STARTS) return;
        this.log?.error({ starts: this.failedStarts }, "parse workers exit before they are ready");
        for (const job of [...this.admissions.splice(0), ...this.queue.drain()]) {
          job.reject(new ExtractorBusyError(job.key, "unavailable"));
        }
      },
    );
  }

  private forget(worker: WorkerProcess): void {
    this.workers.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    if (this.closed || this.failedStarts >= MAX_FAILED_STARTS) return;
    // respawned right away when the pool is kept warm or tasks are waiting
    if (this.warm || this.queue.size > 0) this.spawn();
  }

  private async execute(worker: WorkerProcess, job: Job): Promise<void> {
    this.runningPerKey.set(job.key, (this.runningPerKey.get(job.key) ?? 0) + 1);
    const started = performance.now();
    try {
      const reply = await worker.run(job.task, job.input, job.args);
      this.onCost?.({ task: job.task, ms: reply.ms, peakKb: reply.peakKb, verdict: reply.type });
      if (reply.type === "done") job.resolve(reply.value);
      else if (reply.type === "rejected") job.reject(new ScanRejectedError(reply.code, reply.detail));
      else {
        // a reader or library bug on an odd file: recorded like a layout we cannot read, so a parser fix
        // and `pump reprocess` can read it later
        this.log?.error({ task: job.task, error: reply.name }, "a parse task failed");
        job.reject(new ScanRejectedError("unsupported_layout"));
      }
      if (worker.tasksRun >= this.options.tasksPerWorker) worker.kill("exit", "recycled");
    } catch (error) {
      // killed because the pool is closing: no verdict on the file
      if (this.closed) {
        job.reject(new ExtractorBusyError(job.key, "closing"));
        return;
      }
      const limit = error instanceof LimitExceeded ? error.limit : "exit";
      this.kills[limit]++;
      this.onCost?.({ task: job.task, ms: performance.now() - started, peakKb: null, verdict: limit });
      this.log?.warn({ task: job.task, limit, bytes: job.bytes }, "a file broke the parse cage's limits");
      job.reject(new ScanRejectedError("too_large"));
    } finally {
      const left = (this.runningPerKey.get(job.key) ?? 1) - 1;
      if (left === 0) this.runningPerKey.delete(job.key);
      else this.runningPerKey.set(job.key, left);
      if (worker.alive) this.idle.push(worker);
      this.dispatch();
    }
  }
}
