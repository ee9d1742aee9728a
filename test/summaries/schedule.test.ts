// Schedule math, no database: local times become the right instants across DST and far-off zones.
import { describe, expect, it } from "vitest";
import { latestOccurrence, localParts, zonedInstant } from "../../src/use-cases/weekly-summary-schedule.ts";

const monday9 = (timeZone: string) => ({ weekday: 1, time: "09:00", timeZone });

describe("summary schedule", () => {
  it("turns local times into instants, through both Amsterdam DST changes", () => {
    expect(zonedInstant("2026-03-23", "09:00", "Europe/Amsterdam").toISOString()).toBe(
      "2026-03-23T08:00:00.000Z",
    );
    expect(zonedInstant("2026-03-30", "09:00", "Europe/Amsterdam").toISOString()).toBe(
      "2026-03-30T07:00:00.000Z",
    );
    expect(zonedInstant("2026-10-26", "09:00", "Europe/Amsterdam").toISOString()).toBe(
      "2026-10-26T08:00:00.000Z",
    );
    // 02:30 does not exist on 29 March (moves on by the gap); it happens twice on 25 October (the first)
    expect(zonedInstant("2026-03-29", "02:30", "Europe/Amsterdam").toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    expect(zonedInstant("2026-10-25", "02:30", "Europe/Amsterdam").toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
  });

  it("finds the latest slot at or before now, in the group's own week", () => {
    const before = latestOccurrence(new Date("2026-03-30T06:59:59Z"), monday9("Europe/Amsterdam"));
    expect(before.localDate).toBe("2026-03-23");
    const at = latestOccurrence(new Date("2026-03-30T07:00:00Z"), monday9("Europe/Amsterdam"));
    expect(at).toMatchObject({ localDate: "2026-03-30", weekStart: "2026-03-30" });
    expect(at.window).toEqual({ from: "2026-03-23T09:00", to: "2026-03-30T09:00" });
    // UTC+14: Monday 09:00 is Sunday 19:00 UTC; UTC−10: Monday 19:00 UTC
    expect(
      latestOccurrence(new Date("2026-03-08T19:00:00Z"), monday9("Pacific/Kiritimati")).at.toISOString(),
    ).toBe("2026-03-08T19:00:00.000Z");
    expect(latestOccurrence(new Date("2026-03-09T18:59:00Z"), monday9("Pacific/Honolulu")).localDate).toBe(
      "2026-03-02",
    );
    expect(localParts(new Date("2026-03-08T19:00:00Z"), "Pacific/Kiritimati")).toEqual({
      date: "2026-03-09",
      time: "09:00",
      isoWeekday: 1,
    });
  });

  it("keys a Sunday summary by the Monday of its own ISO week", () => {
    const sunday = latestOccurrence(new Date("2026-03-15T20:00:00Z"), {
      weekday: 7,
      time: "18:00",
      timeZone: "UTC",
    });
    expect(sunday).toMatchObject({ localDate: "2026-03-15", weekStart: "2026-03-09" });
  });
});
