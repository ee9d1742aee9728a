// The Sheet's "Challenge" tab: one row per entrant of each finished challenge (gold.challenge_sheet_rows),
// mirrored with the same diffing as the scan tabs but its own columns and ids ("entry_…"), so neither
// mirror ever touches the other's tabs (a tab is ours by its A1 header). Same header rules as columns.ts.
import type { MirrorOptions } from "./mirror.ts";

export const CHALLENGE_TAB = "Challenge";

export const CHALLENGE_SHEET_COLUMNS = [
  "entry_id",
  "challenge",
  "group_title",
  "starts_on",
  "last_day",
  "metric",
  "mode",
  "threshold",
  "member",
  "standing",
  "rank",
  "tied",
  "score",
  "noise_class",
  "reached",
  "baseline_at",
  "result_at",
  "result_flags",
] as const;

export const CHALLENGE_SHEET_OPTIONS: MirrorOptions = {
  columns: CHALLENGE_SHEET_COLUMNS,
  isOurId: "entry_",
  sortBy: ["starts_on", "challenge", "rank", "member"],
  isOurTab: (_tab, header) => header[0]?.trim() === CHALLENGE_SHEET_COLUMNS[0],
};
