// The one command catalogue both platforms register from (Telegram setMyCommands, Discord slash commands),
// and the types that tie each platform's handlers to it: a command without a handler, or a handler without
// a command, fails `tsc`.

import { GOAL_METRICS } from "../src/domain/metrics.ts";
import { BOARD_METRICS, BOARD_PERIODS, PROGRESS_PERIODS } from "../src/use-cases/periods.ts";

export type Platform = "telegram" | "discord";

export interface CommandOption {
  name: string;
  description: string;
  /** "channel": a Discord channel picker (Telegram has no typed options) */
  type: "string" | "number" | "attachment" | "channel";
  required?: boolean;
  choices?: readonly string[];
  platforms?: readonly Platform[];
}

export interface CommandSpec {
  name: string;
  /** "{group}" is worded per platform: "group" on Telegram, "server" on Discord */
  description: string;
  /** shown in /help after the command, e.g. "[metric] [period]" */
  usage?: string;
  options: readonly CommandOption[];
  /** where it makes sense: a group, a private chat, or both */
  where: "group" | "private" | "any";
  adminOnly?: boolean;
  /** Telegram only has documents, not a /scan command */
  platforms?: readonly Platform[];
}

export const COMMANDS = [
  {
    name: "start",
    description: "Say hello and get your exact numbers privately",
    options: [],
    where: "private",
    platforms: ["telegram"],
  },
  { name: "help", description: "How to send a scan and what I can do", options: [], where: "any" },
  {
    name: "scan",
    description: "Send the PDF of your Evolt 360 scan",
    options: [
      {
        name: "file",
        description: "The scan PDF from the Evolt Active app",
        type: "attachment",
        required: true,
      },
    ],
    where: "any",
    platforms: ["discord"],
  },
  {
    name: "progress",
    description: "Your progress chart and what changed",
    usage: "[period] [segments]",
    options: [
      { name: "period", description: "Which scans to show", type: "string", choices: PROGRESS_PERIODS },
      { name: "view", description: "Extra chart", type: "string", choices: ["segments"] },
    ],
    where: "any",
  },
  {
    name: "leaderboard",
    description: "The {group}'s fair ranking, relative to everyone's own start",
    usage: "[metric] [period]",
    options: [
      { name: "metric", description: "What to rank by", type: "string", choices: BOARD_METRICS },
      { name: "period", description: "Since when", type: "string", choices: BOARD_PERIODS },
    ],
    where: "group",
  },
  {
    name: "goal",
    description: "Set a goal, e.g. /goal fat 12 (or /goal fat off)",
    usage: "<metric> <target|off>",
    options: [
      { name: "metric", description: "Which number", type: "string", required: true, choices: GOAL_METRICS },
      { name: "target", description: "Target in your units, or off", type: "string", required: true },
    ],
    where: "any",
  },
  {
    name: "units",
    description: "Show masses in kg or lb",
    usage: "kg|lb",
    options: [
      { name: "units", description: "kg or lb", type: "string", required: true, choices: ["kg", "lb"] },
    ],
    where: "any",
  },
  {
    name: "hide",
    description: "Leave this {group}'s leaderboard (your scans stay yours)",
    options: [],
    where: "group",
  },
  { name: "show", description: "Come back on this {group}'s leaderboard", options: [], where: "group" },
  { name: "export", description: "Get all your scans as a CSV file, privately", options: [], where: "any" },
  {
    name: "reminders",
    description: "Turn rescan reminders on or off",
    usage: "on|off",
    options: [
      { name: "state", description: "on or off", type: "string", required: true, choices: ["on", "off"] },
    ],
    where: "any",
  },
  { name: "forget", description: "Delete everything I know about you", options: [], where: "any" },
  {
    name: "link",
    description: "Join your Telegram and Discord accounts: /link gives a code, /link CODE uses it",
    usage: "[code]",
    options: [{ name: "code", description: "The code /link gave you on the other platform", type: "string" }],
    where: "any",
  },
  {
    name: "unlink",
    description: "Split this account off again (scans sent before stay with the other)",
    options: [],
    where: "any",
  },
  {
    name: "settings",
    description: "Settings of this {group} (admins): metric, challenge, summary day/time/place, time zone",
    usage: "[setting value]",
    options: [
      {
        name: "setting",
        description: "What to change",
        type: "string",
        choices: ["metric", "challenge", "summary", "day", "time", "timezone", "channel", "topic"],
      },
      { name: "value", description: "The new value", type: "string" },
      {
        name: "channel",
        description: "Where the weekly summary goes (with setting: channel)",
        type: "channel",
        platforms: ["discord"],
      },
    ],
    where: "group",
    adminOnly: true,
  },
] as const satisfies readonly CommandSpec[];

type Catalogue = (typeof COMMANDS)[number];
type OfferedOn<S, P extends Platform> = S extends { platforms: readonly (infer Q)[] }
  ? P extends Q
    ? S
    : never
  : S;

/** The names of the commands a platform offers. */
export type CommandName<P extends Platform> = OfferedOn<Catalogue, P>["name"];

/** The option names a command declares. */
export type OptionName<N extends Catalogue["name"]> = Extract<
  Catalogue,
  { name: N }
>["options"][number]["name"];

/** One handler per command a platform offers, keyed by name: the registry each bot builds. */
export type CommandRegistry<P extends Platform, Handler> = { [N in CommandName<P>]: Handler };

/** What a group is called there. */
export const GROUP_WORD: Record<Platform, string> = { telegram: "group", discord: "server" };

/** The settings only one platform has: Discord servers have channels, Telegram forum groups have topics. */
export const PLACE_SETTING: Record<Platform, "channel" | "topic"> = { telegram: "topic", discord: "channel" };

const offeredOn = (platform: Platform) => (x: { platforms?: readonly Platform[] }) =>
  !x.platforms || x.platforms.includes(platform);

export function commandsFor(platform: Platform): CommandSpec[] {
  return COMMANDS.filter((c: CommandSpec) => offeredOn(platform)(c)).map((c: CommandSpec) => ({
    ...c,
    description: c.description.replaceAll("{group}", GROUP_WORD[platform]),
    options: c.options
      .filter(offeredOn(platform))
      .map((o) =>
        o.choices ? { ...o, choices: o.choices.filter((v) => v !== PLACE_SETTING[other(platform)]) } : o,
      ),
  }));
}

const other = (platform: Platform): Platform => (platform === "telegram" ? "discord" : "telegram");

export function isCommandOn<P extends Platform>(platform: P, name: string): name is CommandName<P> {
  return commandsFor(platform).some((c) => c.name === name);
}
