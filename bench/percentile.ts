// The one percentile every benchmark reports: nearest rank (the smallest value with at least p % of the
// values at or below it), p from 0 to 100; NaN for no values.
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}
