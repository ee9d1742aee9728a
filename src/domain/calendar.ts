// Dates as members read them, and the day arithmetic behind them. Dates are "YYYY-MM-DD", wall-clock times
// "YYYY-MM-DDTHH:MM" (the printed scan times carry no zone); everything is computed in UTC on purpose.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** ISO week number of a date (week 1 holds the year's first Thursday). */
export function isoWeekNumber(date: string): number {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const yearStart = Date.parse(`${thursday.slice(0, 4)}-01-01T00:00:00Z`);
  return Math.floor((Date.parse(`${thursday}T00:00:00Z`) - yearStart) / 86_400_000 / 7) + 1;
}

/** Whole days between two wall-clock times ("YYYY-MM-DDTHH:MM"). */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(`${to}:00Z`) - Date.parse(`${from}:00Z`)) / 86_400_000);
}

/** "12 Mar" (or "12 Mar 2025" when not in `currentYear`) from a date or wall-clock time */
export function shortDate(iso: string, currentYear?: number): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  const base = `${d} ${MONTHS[m - 1]}`;
  return currentYear !== undefined && y !== currentYear ? `${base} ${y}` : base;
}

/** "Mon 9 Mar" */
export function dayLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${DAYS[(d.getUTCDay() + 6) % 7]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** The 7 days ending on `endDate`: "Week 11 · 2–9 Mar 2026" (or "23 Feb – 2 Mar 2026" across months) */
export function weekLabel(endDate: string): string {
  const start = addDays(endDate, -7);
  const [sy, sm, sd] = start.split("-").map(Number) as [number, number, number];
  const [ey, em, ed] = endDate.split("-").map(Number) as [number, number, number];
  const range =
    sy !== ey
      ? `${sd} ${MONTHS[sm - 1]} ${sy} – ${ed} ${MONTHS[em - 1]} ${ey}`
      : sm !== em
        ? `${sd} ${MONTHS[sm - 1]} – ${ed} ${MONTHS[em - 1]} ${ey}`
        : `${sd}–${ed} ${MONTHS[em - 1]} ${ey}`;
  return `Week ${isoWeekNumber(addDays(endDate, -1))} · ${range}`;
}
