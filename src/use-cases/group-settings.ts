// /settings: what a group admin can see and change — leaderboard metric, challenge start, weekly summary
// day/time/on-off, time zone. (The bots check that the sender is an admin.)
import {
  type GroupRow,
  type GroupSettingsPatch,
  memberIdsOfGroup,
  updateGroupSettings,
} from "../db/queries/people.ts";
import { type ActionDeps, groupOf } from "./deps.ts";
import { BOARD_METRIC_INFO, parseBoardMetric } from "./periods.ts";
import type { Place } from "./ports.ts";

export const SETTING_KEYS = ["metric", "challenge", "summary", "day", "time", "timezone"] as const;
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** A group's settings as /settings shows them. */
export type GroupSettings = GroupRow;

export type SettingResult =
  | { kind: "updated"; group: GroupRow }
  | { kind: "invalid"; key: string; hint: string };

export function showGroupSettings(deps: ActionDeps) {
  return (input: { place: Place }): Promise<GroupRow | null> => groupOf(deps, input.place);
}

/** One `key value` pair as typed in chat; the group's boards are rebuilt with the new setting. */
export function changeGroupSetting(deps: ActionDeps) {
  return async (input: {
    place: Place;
    key: string;
    value: string;
  }): Promise<SettingResult | { kind: "not_a_group" }> => {
    const group = await groupOf(deps, input.place);
    if (!group) return { kind: "not_a_group" };
    const patch = parseSetting(input.key.toLowerCase(), input.value.trim());
    if ("hint" in patch) return { kind: "invalid", key: input.key, hint: patch.hint };
    const updated = await updateGroupSettings(deps.sql, group.id, patch);
    await deps.runPipeline(await memberIdsOfGroup(deps.sql, group.id));
    return { kind: "updated", group: updated };
  };
}

export function parseSetting(key: string, value: string): GroupSettingsPatch | { hint: string } {
  switch (key) {
    case "metric": {
      const metric = parseBoardMetric(value);
      return metric
        ? { leaderboardMetric: metric }
        : { hint: `one of: ${Object.keys(BOARD_METRIC_INFO).join(", ")}` };
    }
    case "challenge": {
      if (/^(off|none|clear)$/i.test(value)) return { challengeStart: null };
      if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
        return { challengeStart: value };
      }
      return { hint: "a date like 2026-01-05, or off" };
    }
    case "summary":
      if (/^(on|yes|true)$/i.test(value)) return { summaryEnabled: true };
      if (/^(off|no|false)$/i.test(value)) return { summaryEnabled: false };
      return { hint: "on or off" };
    case "day": {
      const index = WEEKDAYS.findIndex(
        (d) => d.startsWith(value.toLowerCase().slice(0, 3)) && value.length >= 3,
      );
      return index >= 0 ? { summaryWeekday: index + 1 } : { hint: "a weekday like monday" };
    }
    case "time": {
      const match = /^([01]?\d|2[0-3])[:.h]?([0-5]\d)$/.exec(value);
      return match
        ? { summaryTime: `${match[1]!.padStart(2, "0")}:${match[2]}` }
        : { hint: "a 24-hour time like 09:00" };
    }
    case "timezone":
    case "tz":
      return isTimeZone(value)
        ? { timeZone: value }
        : { hint: "an IANA time zone like Europe/London or Asia/Singapore" };
    default:
      return { hint: `a setting: ${SETTING_KEYS.join(", ")}` };
  }
}

export function weekdayName(isoDay: number): string {
  const name = WEEKDAYS[isoDay - 1] ?? "monday";
  return name[0]!.toUpperCase() + name.slice(1);
}

function isTimeZone(zone: string): boolean {
  if (!zone.includes("/") && zone.toUpperCase() !== "UTC") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
