// A parse worker: a child process that runs named tasks on untrusted files, one at a time, and answers on
// file descriptor 3. It exits when the main process goes away (its end of the channel closes).
import net from "node:net";
import { ScanRejectedError } from "../../domain/scan-record.ts";
import { PdfRefusal } from "../pdf-structure/budgets.ts";
import { FrameReader, writeFrame } from "./frames.ts";
import { peakResidentKb, resetPeakResident, residentKb } from "./proc-memory.ts";
import type { TaskRequest, WorkerMessage } from "./protocol.ts";
import { TASKS, warmTasks } from "./tasks.ts";

/** The largest request: the biggest file any caller sends, with room for the envelope. */
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;
/** Errors that mean "this file needs more than the worker has", not a bug: counted as too large. */
const RESOURCE_ERRORS =
  /^(?:Array buffer allocation failed|Maximum call stack size exceeded|Invalid array length|Invalid string length)/;

const channel = new net.Socket({ fd: 3, readable: true, writable: true });
const send = (message: WorkerMessage) => writeFrame(channel, message);
channel.on("close", () => process.exit(0));
channel.on("error", () => process.exit(0));

/**
 * Garbage of one file must not count against the next: above this a worker collects after replying, so
 * every file starts from about the same memory and meets the same limits whatever came before it.
 */
const COLLECT_ABOVE_KB = 160 * 1024;
const collect = (globalThis as { gc?: () => void }).gc;

let chain = Promise.resolve();
const reader = new FrameReader(
  MAX_REQUEST_BYTES,
  (message) => {
    chain = chain.then(() => runTask(message as TaskRequest));
  },
  () => process.exit(70),
);
channel.on("data", (chunk: Buffer) => reader.push(chunk));

async function runTask(request: TaskRequest): Promise<void> {
  resetPeakResident();
  const started = performance.now();
  const cost = () => ({ id: request.id, peakKb: peakResidentKb(), ms: performance.now() - started });
  try {
    const task = TASKS[request.task as keyof typeof TASKS] as
      | ((input: Uint8Array, args: unknown) => Promise<unknown>)
      | undefined;
    if (!task) throw new Error(`no task named ${request.task}`);
    const value = await task(request.input, request.args);
    send({ type: "done", value, ...cost() });
  } catch (error) {
    if (error instanceof ScanRejectedError) {
      send({
        type: "rejected",
        code: error.code,
        ...(error instanceof PdfRefusal ? { detail: error.reason } : {}),
        ...cost(),
      });
    } else if (error instanceof RangeError && RESOURCE_ERRORS.test(error.message)) {
      send({ type: "rejected", code: "too_large", ...cost() });
    } else {
      // only the kind of error travels: a message could quote what the file holds
      send({ type: "failed", name: error instanceof Error ? error.name : typeof error, ...cost() });
    }
  }
  if ((residentKb(process.pid) ?? 0) > COLLECT_ABOVE_KB) collect?.();
}

await warmTasks(process.argv[2] === "ocr" ? "ocr" : "parse");
send({ type: "ready" });
