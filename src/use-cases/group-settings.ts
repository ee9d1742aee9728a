// /settings: what a group admin can see and change — leaderboard metric, challenge start, weekly summary
// day/time/on-off, time zone. (The bots check that the sender is an admin.)
import {
  type GroupRow,
  type GroupSettingsPatch,
  memberIdsOfGroup,
  updateGroupSettings,
} from "../db/queries/people.ts";
import { type ActionDeps, groupOf } from "./deps.ts";
import { parseBoardMetric } from "./periods.ts";
import type { Place } from "./ports.ts";

export const SETTING_KEYS = ["metric", "challenge", "summary", "day", "time", "timezone"] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** A group's settings as /settings shows them. */
export type GroupSettings = GroupRow;

export type SettingResult =
  | { kind: "updated"; group: GroupRow }
  /** `setting` null: the key is not a setting at all */
  | { kind: "invalid"; key: string; setting: SettingKey | null };

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
    const setting = settingKey(input.key);
    const patch = setting ? parseSetting(setting, input.value.trim()) : null;
    if (!setting || !patch) return { kind: "invalid", key: input.key, setting };
    const updated = await updateGroupSettings(deps.sql, group.id, patch);
    await deps.runPipeline(await memberIdsOfGroup(deps.sql, group.id));
    return { kind: "updated", group: updated };
  };
}

/** The setting a typed key names ("tz" is timezone), or null for a word that is not a setting. */
export function settingKey(key: string): SettingKey | null {
  const k = key.toLowerCase() === "tz" ? "timezone" : key.toLowerCase();
  return (SETTING_KEYS as readonly string[]).includes(k) ? (k as SettingKey) : null;
}

/** The change a `value` makes to `setting`, or null when the value does not fit it. */
export function parseSetting(setting: SettingKey, value: string): GroupSettingsPatch | null {
  switch (setting) {
    case "metric": {
      const metric = parseBoardMetric(value);
      return metric ? { leaderboardMetric: metric } : null;
    }
    case "challenge": {
      if (/^(off|none|clear)$/i.test(value)) return { challengeStart: null };
      const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
      return isDate ? { challengeStart: value } : null;
    }
    case "summary":
      if (/^(on|yes|true)$/i.test(value)) return { summaryEnabled: true };
      if (/^(off|no|false)$/i.test(value)) return { summaryEnabled: false };
      return null;
    case "day": {
      const index = WEEKDAYS.findIndex(
        (d) => d.startsWith(value.toLowerCase().slice(0, 3)) && value.length >= 3,
      );
      return index >= 0 ? { summaryWeekday: index + 1 } : null;
    }
    case "time": {
      const match = /^([01]?\d|2[0-3])[:.h]?([0-5]\d)$/.exec(value);
      return match ? { summaryTime: `${match[1]!.padStart(2, "0")}:${match[2]}` } : null;
    }
    case "timezone":
      return isTimeZone(value) ? { timeZone: value } : null;
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
