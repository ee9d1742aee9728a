// Where a server's weekly summary goes survives a restart: the channel scans were last posted in, and the one
// an admin picks with /settings channel. The real bot and core, restarted on the same database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWeeklySummaries } from "../../../src/jobs/weekly-summary.ts";
import type { FakeChannel, FakeGuild, FakeUser } from "../../fakes/discord/index.ts";
import { newWorld, pdfFile, person, scanPdf, startBot } from "./harness.ts";

let world: Awaited<ReturnType<typeof newWorld>>;
let guild: FakeGuild;
let general: FakeChannel;
let scans: FakeChannel;
let results: FakeChannel;
let owner: FakeUser;

beforeAll(async () => {
  world = await newWorld();
  owner = world.fake.addUser({ username: "owner", globalName: "Coach" });
  guild = world.fake.addGuild({ name: "Iron Temple", ownerId: owner });
  // first in the sidebar: where a summary would land with nothing remembered
  general = world.fake.addChannel({ guild, name: "general" });
  scans = world.fake.addChannel({ guild, name: "scans" });
  results = world.fake.addChannel({ guild, name: "results" });
});
afterAll(async () => {
  await world?.close();
});

async function restart() {
  await world.running.current.stop();
  world.running.current = await startBot(world.fake, world.db);
}

/** Runs the weekly-summary job at `at` (a Monday after 09:00 UTC, the default schedule). */
async function summaryAt(at: string) {
  const core = world.running.current.core;
  const summaries = createWeeklySummaries({
    sql: core.sql,
    log: core.log,
    charts: core.charts,
    defaultTimeZone: "UTC",
    notifiers: [world.running.current.bot.notifier],
    now: () => new Date(at),
  });
  const outcomes = await summaries.tick();
  expect(outcomes.map((o) => o.result)).toEqual(["sent"]);
}

const summariesIn = (channel: FakeChannel) =>
  world.fake.channelMessages(channel).filter((m) => m.content.includes("week to"));

describe("the weekly summary's channel on Discord", () => {
  it("goes to the channel where scans were last posted, after a restart", async () => {
    const lifter = world.fake.addUser({ username: "lifter", globalName: "Lee Park" });
    world.fake.addMember(guild, lifter);
    const handle = world.fake.slashCommand({
      channel: scans,
      user: lifter,
      name: "scan",
      options: { file: pdfFile(await scanPdf(person("Lee Park", { scannedAt: "2026-05-30T08:00" }))) },
    });
    await handle.followup(20_000);

    await restart();
    await summaryAt("2026-06-08T09:05:00Z");
    expect(summariesIn(scans)).toHaveLength(1);
    expect(summariesIn(general)).toHaveLength(0);
  });

  it("goes to the channel an admin picked with /settings channel, after a restart", async () => {
    world.fake.addMember(guild, owner, { manageGuild: true });
    const handle = world.fake.slashCommand({
      channel: general,
      user: owner,
      name: "settings",
      options: { setting: "channel", channel: results.id },
      requireRegistered: true,
    });
    const answer = await handle.reply();
    expect(answer.content).toContain(`<#${results.id}>`);
    expect(answer.content).toContain("from now on");

    await restart();
    const shown = await world.fake.slashCommand({ channel: general, user: owner, name: "settings" }).reply();
    expect(shown.content).toContain(`summary goes to: <#${results.id}>`);
    await summaryAt("2026-06-15T09:05:00Z");
    expect(summariesIn(results)).toHaveLength(1);
    expect(summariesIn(scans)).toHaveLength(1); // last week's only
  });

  it("refuses /settings channel without a channel, and changes nothing", async () => {
    const answer = await world.fake
      .slashCommand({ channel: general, user: owner, name: "settings", options: { setting: "channel" } })
      .reply();
    expect(answer.content).toContain("Pick the channel too");
    const shown = await world.fake.slashCommand({ channel: general, user: owner, name: "settings" }).reply();
    expect(shown.content).toContain(`summary goes to: <#${results.id}>`);
  });
});
