// Short answers: /help from the one catalogue, /settings, and the answers to member settings.
import { describe, expect, it } from "vitest";
import { plainText } from "../../../bot/replies/markup.ts";
import {
  goalText,
  helpText,
  remindersText,
  settingInvalidText,
  settingsText,
  unitsText,
} from "../../../bot/replies/messages.ts";

describe("help", () => {
  it("lists each platform's commands from the catalogue, with usage and admin marks", () => {
    const telegram = helpText(plainText, "telegram", true);
    const discord = helpText(plainText, "discord", true);
    expect(telegram).toContain("/start — ");
    expect(telegram).not.toContain("/scan — ");
    expect(discord).toContain("/scan — ");
    expect(discord).not.toContain("/start — ");
    expect(telegram).toContain("/leaderboard [metric] [period] — ");
    expect(telegram).toMatch(/\/settings \[setting value\] — .+\(admins\)/);
    expect(telegram).toContain("privacy mode is off");
    expect(discord).toContain("/settings channel");
    const blind = helpText(plainText, "discord", true, { seesEveryPost: false });
    expect(blind).toContain("@mention");
    expect(blind).toContain("Developer Portal → Bot → Message Content Intent");
  });
});

describe("settings", () => {
  it("shows every setting with the key that changes it", () => {
    const text = settingsText(
      {
        id: 1,
        platform: "telegram",
        platformChatId: "-1",
        title: "Crew",
        timeZone: null,
        leaderboardMetric: "fat_loss_pct",
        challengeStart: "2026-01-05",
        summaryEnabled: true,
        summaryWeekday: 5,
        summaryTime: "18:30",
      },
      plainText,
      "Europe/London",
    );
    expect(text).toContain("• leaderboard metric: Fat mass lost (metric)");
    expect(text).toContain("• challenge start: 2026-01-05 (challenge)");
    expect(text).toContain("• weekly summary: Friday 18:30 (summary, day, time)");
    expect(text).toContain("• time zone: Europe/London (default) (timezone)");
  });

  it("say what a setting takes, or which settings there are", () => {
    expect(settingInvalidText("tz", "timezone", plainText)).toBe(
      "That value doesn't work for tz — use an IANA time zone like Europe/London or Asia/Singapore.",
    );
    expect(settingInvalidText("colour", null, plainText)).toBe(
      "That value doesn't work for colour — use a setting: metric, challenge, summary, day, time, timezone.",
    );
  });
});

describe("member settings", () => {
  it("confirm or explain", () => {
    expect(unitsText({ kind: "set", units: "lb" })).toBe("Done — I'll show masses in lb.");
    expect(unitsText({ kind: "invalid" })).toBe("Use /units kg or /units lb.");
    expect(remindersText({ kind: "set", on: false })).toContain("Reminders off");
    expect(
      goalText(
        { kind: "set", metric: "body_fat_mass_kg", target: 15, startValue: 18.2, units: "kg" },
        plainText,
      ),
    ).toBe("🎯 Goal set: fat mass 15.0 kg (now 18.2 kg). I'll tell you when a scan gets you there.");
    expect(goalText({ kind: "invalid", reason: "implausible" }, plainText)).toContain("out of range");
  });
});
