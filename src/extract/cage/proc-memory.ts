// Resident memory from Linux's /proc: what the watchdog reads of a worker, and what a worker reports of
// itself per task. Elsewhere these return null and only V8's heap limit and the time limit apply.
import { readFileSync, writeFileSync } from "node:fs";

function statusField(pid: number | "self", field: "VmRSS" | "VmHWM"): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "latin1");
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Resident set size in KiB, or null where /proc is not available (or the process is gone). */
export const residentKb = (pid: number): number | null => statusField(pid, "VmRSS");

/** This process's peak resident size since the last resetPeakResident(), in KiB. */
export const peakResidentKb = (): number | null => statusField("self", "VmHWM");

/** Starts a new peak measurement (Linux ≥ 4.0: writing 5 to clear_refs resets VmHWM to the current RSS). */
export function resetPeakResident(): void {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    // not Linux, or not allowed: the peak then covers the whole life of the worker
  }
}
