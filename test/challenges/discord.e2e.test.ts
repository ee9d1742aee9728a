// A threshold challenge end to end through the real Discord bot (discord.js) on the stand-in Discord, with a
// controlled clock: slash commands and the Join button, an early end by an admin, the podium posted once in
// the server, every entrant's result by DM, and one row per entrant in the Sheet's Challenge tab.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordBot } from "../../bot/discord/index.ts";
import type { RunningBot } from "../../bot/platform.ts";
import { createChallengeJobs } from "../../src/jobs/challenge-finish.ts";
import { runSheetSync, sheetTarget } from "../../src/jobs/sheet-sync.ts";
import { createLogger } from "../../src/log.ts";
import { CHALLENGE_SHEET_COLUMNS } from "../../src/sheets/challenge-columns.ts";
import { parseCsv } from "../../src/sheets/csv.ts";
import { tabFileName } from "../../src/sheets/csv-sink.ts";
import { FakeDiscord, type FakeUser } from "../fakes/discord/index.ts";
import { clock, scans } from "../summaries/support.ts";
import { useTestCore } from "../support/core.ts";

const time = clock("2026-03-01T10:00:00Z");
const silent = createLogger("silent");

describe("a threshold challenge through the Discord bot", () => {
  const t = useTestCore({ now: () => time.now });
  let fake: FakeDiscord;
  let bot: RunningBot;
  let sheetDir: string;

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    bot = createDiscordBot({
      services: t.current.services,
      log: silent,
      defaultTimeZone: "UTC",
      token: fake.token,
      applicationId: fake.applicationId,
      apiRoot: fake.apiRoot,
      messageContent: false,
      guildId: undefined,
    });
    await bot.start();
    sheetDir = mkdtempSync(join(tmpdir(), "pump-challenge-sheet-"));
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    rmSync(sheetDir, { recursive: true, force: true });
  });

  it("counts only real changes that reach the target, ends early, and fills the Challenge tab", async () => {
    const coach = fake.addUser({ username: "coach", globalName: "Coach" });
    const guild = fake.addGuild({ name: "Iron Temple", ownerId: coach.id });
    const channel = fake.addChannel({ guild, name: "scans" });
    fake.addMember(guild, coach, { manageGuild: true });
    const users: Record<string, FakeUser> = {};
    for (const name of ["Ana", "Ben", "Cy"]) {
      users[name] = fake.addUser({ username: name.toLowerCase(), globalName: name });
      fake.addMember(guild, users[name]!);
    }
    const command = (user: FakeUser, name: string, options: Record<string, string> = {}) =>
      fake.slashCommand({ channel, user, name, options, requireRegistered: true });

    const refused = await command(users.Ben!, "challenge", {
      action: "new",
      details: '"Cut" 2026-03-02 8w',
    }).reply();
    expect(refused.content).toContain("Only admins can start, end or cancel a challenge.");

    const started = command(coach, "challenge", {
      action: "new",
      details: '"Spring Cut" 2026-03-02 8w fat threshold 10%',
    });
    const announcement = await started.reply();
    expect(announcement.content).toContain("New challenge: Spring Cut");
    expect(announcement.content).toContain("Fat mass lost of at least 10%");
    const joinId = JSON.stringify(announcement.components).match(/challenge:join:\d+/)![0];

    const pressed = fake.pressButton({ message: announcement, customId: joinId, user: users.Ana! });
    expect((await pressed.reply()).content).toContain("Ana joined **Spring Cut**");
    for (const name of ["Ben", "Cy"])
      expect((await command(users[name]!, "join").reply()).content).toContain("joined");

    const group = { chatId: guild.id, title: "Iron Temple", platform: "discord" };
    const member = (name: string, list: { at: string; weightKg: number; fatPct: number }[]) =>
      scans(t.current, { userId: users[name]!.id, name, platform: "discord" }, group, list);
    // Ana: 24 → 20.8 kg fat (−13%, real) reaches 10%; Ben: −0.6 kg is only likely; Cy: −1.7 kg real but −9.7%
    await member("Ana", [
      { at: "2026-03-03T07:00", weightKg: 80, fatPct: 30 },
      { at: "2026-04-20T07:00", weightKg: 77, fatPct: 27 },
    ]);
    await member("Ben", [
      { at: "2026-03-04T07:00", weightKg: 90, fatPct: 22 },
      { at: "2026-04-21T07:00", weightKg: 89.5, fatPct: 21.5 },
    ]);
    await member("Cy", [
      { at: "2026-03-05T07:00", weightKg: 70, fatPct: 25 },
      { at: "2026-04-22T07:00", weightKg: 70, fatPct: 22.5 },
    ]);

    time.set("2026-04-23T12:00:00Z");
    const live = await command(users.Cy!, "challenge").reply();
    expect(live.content).toContain("**Spring Cut** — 3 days left");
    expect(live.content).toMatch(/1\. Ana \+13\.\d % \*\(real\)\* ✅/);

    // ended early by the admin; a scan after today would not count
    expect((await command(coach, "challenge", { action: "end" }).reply()).content).toContain(
      "**Spring Cut** has ended",
    );
    const jobs = createChallengeJobs({
      sql: t.current.sql,
      log: silent,
      charts: t.current.charts,
      defaultTimeZone: "UTC",
      notifiers: [bot.notifier],
      now: () => time.now,
      runPipeline: t.current.runPipeline,
    });
    await jobs.tick();
    await jobs.tick();
    const finals = fake.channelMessages(channel).filter((m) => m.content.includes("final results"));
    expect(finals).toHaveLength(1);
    const posted = finals[0]!;
    expect(posted.content).toContain("1 of 3 reached the target of 10%.");
    expect(posted.content).toMatch(/1\. Ana \+13\.\d % \*\(real\)\* ✅/);
    expect(posted.content).toMatch(/2\. Cy \+9\.\d % \*\(real\)\*\n/);
    expect(posted.content).toMatch(/3\. Ben \+3\.\d % \*\(likely\)\*/);
    expect(posted.files.map((f) => f.name)).toEqual(["challenge-podium.png"]);
    for (const name of ["Ana", "Ben", "Cy"])
      expect(fake.dms(users[name]!).at(-1)?.content).toContain("**Spring Cut** is over. Your result:");
    expect(fake.dms(users.Ana!).at(-1)?.content).toContain("You reached the target of 10%.");

    // the Sheet: a Challenge tab with one row per entrant
    await runSheetSync(
      { sql: t.current.sql, log: silent, target: sheetTarget({ kind: "csv", dir: sheetDir }) },
      "resync",
    );
    const grid = parseCsv(readFileSync(join(sheetDir, tabFileName("Challenge")), "utf8"));
    expect(grid[0]).toEqual([...CHALLENGE_SHEET_COLUMNS]);
    const rows = grid
      .slice(1)
      .map((r) => Object.fromEntries(CHALLENGE_SHEET_COLUMNS.map((c, i) => [c, r[i]])));
    expect(rows.map((r) => [r.member, r.rank, r.reached, r.noise_class, r.last_day])).toEqual([
      ["Ana", "1", "yes", "real", "2026-04-23"],
      ["Cy", "2", "", "real", "2026-04-23"],
      ["Ben", "3", "", "likely", "2026-04-23"],
    ]);
  });
});
