// The named tasks a parse worker runs, each on the bytes of one untrusted file. Adding a task is one line
// here; callers name it (`pool.run("extract", bytes)`) and get its result type from this table.
import { explainScan, extractScan, layoutOfScan, warmUp } from "../extract-scan.ts";

export const TASKS = {
  extract: (input: Uint8Array) => extractScan(input),
  explain: (input: Uint8Array) => explainScan(input),
  layout: (input: Uint8Array, args: { anonymize: boolean }) => layoutOfScan(input, args),
} satisfies Record<string, (input: Uint8Array, args: never) => Promise<unknown>>;

export type Tasks = typeof TASKS;
export type TaskName = keyof Tasks;
export type TaskArgs<N extends TaskName> = Parameters<Tasks[N]> extends [Uint8Array, infer A] ? A : undefined;
export type TaskResult<N extends TaskName> = Awaited<ReturnType<Tasks[N]>>;

/** Loads what the tasks need (pdf.js) before the worker says it is ready. */
export const warmTasks = warmUp;
