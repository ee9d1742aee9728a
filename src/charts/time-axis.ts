// Picks a time unit and bounds so that a few days, a few months or years of scans all read well.
import type { TimeUnit } from "chart.js";

const DAY = 86_400_000;

export interface TimeAxis {
  min: number;
  max: number;
  unit: TimeUnit;
  /** date-fns pattern for the tick labels. */
  pattern: string;
}

export function timeAxisFor(times: number[]): TimeAxis {
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = last - first;
  const pad = Math.max(span * 0.05, DAY);
  const days = (span + 2 * pad) / DAY;
  const { unit, pattern } =
    days <= 16
      ? { unit: "day" as const, pattern: "d MMM" }
      : days <= 100
        ? { unit: "week" as const, pattern: "d MMM" }
        : days <= 420
          ? { unit: "month" as const, pattern: "MMM ''yy" }
          : days <= 1100
            ? { unit: "quarter" as const, pattern: "MMM ''yy" }
            : { unit: "year" as const, pattern: "yyyy" };
  return { min: first - pad, max: last + pad, unit, pattern };
}
