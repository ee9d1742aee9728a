// Day arithmetic and the dates members read.
import { describe, expect, it } from "vitest";
import {
  addDays,
  dayLabel,
  daysBetween,
  isoWeekday,
  isoWeekNumber,
  shortDate,
  weekLabel,
} from "../../src/domain/calendar.ts";

describe("day arithmetic", () => {
  it("crosses months, years and leap days", () => {
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-02", -3)).toBe("2025-12-30");
  });

  it("numbers weekdays and ISO weeks", () => {
    expect(isoWeekday("2026-03-09")).toBe(1);
    expect(isoWeekday("2026-03-15")).toBe(7);
    expect(isoWeekNumber("2026-01-01")).toBe(1); // a Thursday
    expect(isoWeekNumber("2027-01-01")).toBe(53); // a Friday: still 2026's last week
  });

  it("counts whole days between wall-clock times", () => {
    expect(daysBetween("2026-02-01T07:00", "2026-03-01T06:59")).toBe(27);
    expect(daysBetween("2026-02-01T07:00", "2026-03-01T07:00")).toBe(28);
  });
});

describe("dates in words", () => {
  it("give the year only when it is not this one", () => {
    expect(shortDate("2026-03-12T07:35", 2026)).toBe("12 Mar");
    expect(shortDate("2025-12-30T07:35", 2026)).toBe("30 Dec 2025");
    expect(shortDate("2025-12-30")).toBe("30 Dec");
  });

  it("name the day and the week a summary covers", () => {
    expect(dayLabel("2026-03-09")).toBe("Mon 9 Mar");
    expect(weekLabel("2026-03-09")).toBe("Week 10 · 2–9 Mar 2026");
    expect(weekLabel("2026-03-02")).toBe("Week 9 · 23 Feb – 2 Mar 2026");
    expect(weekLabel("2026-01-05")).toBe("Week 1 · 29 Dec 2025 – 5 Jan 2026");
  });
});
