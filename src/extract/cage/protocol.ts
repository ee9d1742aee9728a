// What travels between the main process and a parse worker (see frames.ts for the framing).
import type { ScanErrorCode } from "../../domain/scan-record.ts";

export interface TaskRequest {
  id: number;
  task: string;
  input: Uint8Array;
  args: unknown;
}

/** How the task went, with what it cost inside the worker. */
interface Cost {
  id: number;
  /** peak resident memory of the worker during this task, KiB (null where /proc is missing) */
  peakKb: number | null;
  /** time inside the worker, from request to reply */
  ms: number;
}

export type WorkerMessage =
  | { type: "ready" }
  | ({ type: "done"; value: unknown } & Cost)
  /** the file was refused: a verdict, not a failure */
  | ({ type: "rejected"; code: ScanErrorCode; detail?: string } & Cost)
  /** the task threw something other than a verdict (a bug, or a library failing on an odd file) */
  | ({ type: "failed"; name: string } & Cost);
