// The named tasks a parse worker runs, each on the bytes of one untrusted file. Adding a task is one line
// here; callers name it (`pool.run("extract", bytes)`) and get its result type from this table.
import { explainScan, extractScan, layoutOfScan, warmUp } from "../extract-scan.ts";
import type { WorkerRole } from "./limits.ts";

// OCR (tesseract.js, sharp) loads only in the workers that run it
const ocrModule = () => import("../image/read-scan-image.ts");

export const TASKS = {
  extract: (input: Uint8Array) => extractScan(input),
  explain: (input: Uint8Array) => explainScan(input),
  layout: (input: Uint8Array, args: { anonymize: boolean }) => layoutOfScan(input, args),
  /** a photo, screenshot or image-only PDF, by OCR (the OCR pool's workers) */
  ocr: async (input: Uint8Array) => (await ocrModule()).readScanImage(input),
} satisfies Record<string, (input: Uint8Array, args: never) => Promise<unknown>>;

export type Tasks = typeof TASKS;
export type TaskName = keyof Tasks;
export type TaskArgs<N extends TaskName> = Parameters<Tasks[N]> extends [Uint8Array, infer A] ? A : undefined;
export type TaskResult<N extends TaskName> = Awaited<ReturnType<Tasks[N]>>;

/** Loads what the worker's tasks need (pdf.js; for OCR workers also the recogniser) before it says it is ready. */
export async function warmTasks(role: WorkerRole): Promise<void> {
  await warmUp();
  if (role === "ocr") await (await ocrModule()).warmOcr();
}
