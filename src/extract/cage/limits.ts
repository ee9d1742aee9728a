// The cage's hard limits. They are the last resort: the deterministic budgets of the pre-check and the
// reader (bytes inflated, operators, items, nesting) refuse hostile files long before any of these fire,
// so a file's verdict does not depend on how loaded the machine is.

export interface CageLimits {
  /** wall clock per task; the worker is killed when it runs over */
  timeMs: number;
  /** resident memory per worker (a watchdog on /proc, backed by RLIMIT_DATA on Linux); killed when over */
  memoryMb: number;
  /** V8 heap of a worker (--max-old-space-size) */
  heapMb: number;
  /** the largest reply a worker may send */
  outputBytes: number;
}

/** What a worker loads before it says it is ready: pdf.js (parse), or the OCR engine (ocr). */
export type WorkerRole = "parse" | "ocr";

export interface PoolOptions {
  role: WorkerRole;
  /** worker processes; 2 fits the 2-core machines this runs on */
  size: number;
  /** tasks waiting (not running) across all callers; beyond it a caller is told the extractor is busy */
  queueLimit: number;
  /** tasks waiting per caller key: one member's flood fills their own line, not everyone's */
  queuePerKey: number;
  /** bytes of input held by waiting tasks */
  queueBytes: number;
  /** when the queue is full: refuse with ExtractorBusyError (chat) or wait for room (CLI backfill) */
  whenFull: "reject" | "wait";
  /** a worker is replaced after this many tasks, so a slow leak in a library cannot build up */
  tasksPerWorker: number;
  limits: CageLimits;
}

export const DEFAULT_LIMITS: CageLimits = {
  timeMs: 10_000,
  memoryMb: 320,
  heapMb: 192,
  outputBytes: 8 * 1024 * 1024,
};

export const DEFAULT_POOL: PoolOptions = {
  role: "parse",
  size: 2,
  queueLimit: 32,
  queuePerKey: 8,
  queueBytes: 160 * 1024 * 1024,
  whenFull: "reject",
  tasksPerWorker: 500,
  limits: DEFAULT_LIMITS,
};

/**
 * An OCR worker holds tesseract's model (its wasm heap never shrinks) and a page image of ~6 MP besides
 * pdf.js: bench:ocr measured a peak of ~600 MB RSS. A photo takes seconds on an idle core (two reads for
 * one whose way up orientation.ts could not tell); the time limit leaves room for a machine loaded many
 * times over.
 */
export const OCR_LIMITS: CageLimits = {
  timeMs: 120_000,
  memoryMb: 900,
  heapMb: 512,
  outputBytes: 8 * 1024 * 1024,
};

/** One OCR worker: a photo keeps a core busy for seconds, and the other core stays for PDFs and the bot. */
export const OCR_POOL: PoolOptions = {
  ...DEFAULT_POOL,
  role: "ocr",
  size: 1,
  queueLimit: 16,
  queuePerKey: 4,
  queueBytes: 256 * 1024 * 1024,
  limits: OCR_LIMITS,
};
