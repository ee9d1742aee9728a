// When a group's weekly summary is due, in the group's own time zone, and which 7 days it covers.
// Pure: the clock comes in as an argument. Local wall-clock times are "YYYY-MM-DDTHH:MM" strings, the same
// shape as the printed scan times in silver, so a window compares directly with scanned_at.
import { addDays, isoWeekday } from "../domain/calendar.ts";

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  /** 1 = Monday … 7 = Sunday */
  isoWeekday: number;
}

export interface SummarySchedule {
  /** ISO weekday, 1 = Monday */
  weekday: number;
  /** local HH:MM */
  time: string;
  timeZone: string;
}

/**
 * One scheduled summary. `weekStart` (the Monday of the ISO week the scheduled local date falls in) is the
 * once-only key in app.summaries_sent: one summary per group per calendar week, even if an admin moves the
 * day mid-week. The summary covers the 7 days ending at the scheduled local time: [from, to).
 */
export interface Occurrence {
  /** the scheduled local time as an instant */
  at: Date;
  /** local date of the scheduled time */
  localDate: string;
  weekStart: string;
  window: { from: string; to: string };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone, as milliseconds "as if UTC". */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

function offsetMs(instantMs: number, timeZone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const iso = new Date(wallClockMs(at.getTime(), timeZone)).toISOString();
  const date = iso.slice(0, 10);
  return { date, time: iso.slice(11, 16), isoWeekday: isoWeekday(date) };
}

/**
 * The instant a local date and time happen in a zone. A time that does not exist (spring-forward gap)
 * moves forward by the gap (02:30 → 03:30); a time that happens twice (fall back) takes the first.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const day = 86_400_000;
  const before = offsetMs(wall - day, timeZone);
  const after = offsetMs(wall + day, timeZone);
  const candidates = [...new Set([wall - before, wall - after])]
    .filter((t) => wallClockMs(t, timeZone) === wall)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? wall - before);
}

/** The latest scheduled summary time at or before `now` (this week's, or last week's if not reached yet). */
export function latestOccurrence(now: Date, schedule: SummarySchedule): Occurrence {
  const local = localParts(now, schedule.timeZone);
  let date = addDays(local.date, -((local.isoWeekday - schedule.weekday + 7) % 7));
  let at = zonedInstant(date, schedule.time, schedule.timeZone);
  if (at.getTime() > now.getTime()) {
    date = addDays(date, -7);
    at = zonedInstant(date, schedule.time, schedule.timeZone);
  }
  return occurrenceOn(date, schedule);
}

/** The occurrence on a given local date (which should be the schedule's weekday). */
export function occurrenceOn(localDate: string, schedule: SummarySchedule): Occurrence {
  return {
    at: zonedInstant(localDate, schedule.time, schedule.timeZone),
    localDate,
    weekStart: addDays(localDate, 1 - isoWeekday(localDate)),
    window: { from: `${addDays(localDate, -7)}T${schedule.time}`, to: `${localDate}T${schedule.time}` },
  };
}
