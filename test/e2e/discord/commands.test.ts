// Commands on Discord, end to end: registration, /progress, /leaderboard, /settings, /forget, guild
// isolation, DMs, the name-mismatch question, and a restart on the same database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Announcement } from "../../../bot/platform.ts";
import type { FakeChannel, FakeGuild, FakeUser } from "../../fakes/discord/index.ts";
import { fourWeeksLater, newWorld, pdfFile, person, scanPdf, startBot } from "./harness.ts";

let world: Awaited<ReturnType<typeof newWorld>>;
let owner: FakeUser;
let gym: FakeGuild;
let gymChannel: FakeChannel;
let otherGym: FakeGuild;
let otherChannel: FakeChannel;
const members: Record<string, FakeUser> = {};

const EXACT_VALUE = /\d+(\.\d+)? ?kg\b/;

const PEOPLE = {
  ana: person("Ana Silva", { sex: "female", weightKg: 70, bodyFatPct: 31, heightCm: 165, seed: 3 }),
  ben: person("Ben Cole", { weightKg: 95, bodyFatPct: 26, seed: 5 }),
  cy: person("Cy Tran", { weightKg: 78, bodyFatPct: 18, seed: 7 }),
  dee: person("Dee Moss", { sex: "female", weightKg: 60, bodyFatPct: 27, heightCm: 160, seed: 9 }),
};

function command(user: FakeUser, name: string, options: Record<string, string> = {}, channel = gymChannel) {
  return world.fake.slashCommand({ channel, user, name, options, requireRegistered: true });
}

async function scanTwice(user: FakeUser, who: keyof typeof PEOPLE, channel: FakeChannel): Promise<void> {
  for (const input of [PEOPLE[who], fourWeeksLater(PEOPLE[who])]) {
    const handle = world.fake.slashCommand({
      channel,
      user,
      name: "scan",
      options: { file: pdfFile(await scanPdf(input)) },
    });
    const reply = await handle.reply(20_000);
    expect(reply.content).toContain("✅");
  }
}

beforeAll(async () => {
  world = await newWorld();
  owner = world.fake.addUser({ username: "owner", globalName: "Gym Owner" });
  gym = world.fake.addGuild({ name: "Iron Temple", ownerId: owner });
  gymChannel = world.fake.addChannel({ guild: gym, name: "progress" });
  otherGym = world.fake.addGuild({ name: "Rival Barbell", ownerId: owner });
  otherChannel = world.fake.addChannel({ guild: otherGym, name: "general" });
  for (const [key, name] of [
    ["ana", "Ana Silva"],
    ["ben", "Ben Cole"],
    ["cy", "Cy Tran"],
  ] as const) {
    members[key] = world.fake.addUser({ username: key, globalName: name });
    world.fake.addMember(gym, members[key]!);
  }
  members.dee = world.fake.addUser({ username: "dee", globalName: "Dee Moss" });
  world.fake.addMember(otherGym, members.dee);
  world.fake.addMember(gym, owner, { manageGuild: true });
  for (const key of ["ana", "ben", "cy"] as const) await scanTwice(members[key]!, key, gymChannel);
  await scanTwice(members.dee, "dee", otherChannel);
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe("registration", () => {
  it("registers every catalogue command globally, with typed options, choices and admin defaults", () => {
    const commands = world.fake.commands();
    const names = commands.map((c) => c.name).sort();
    expect(names).toEqual(
      [
        "export",
        "forget",
        "goal",
        "help",
        "hide",
        "leaderboard",
        "link",
        "progress",
        "reminders",
        "scan",
        "settings",
        "show",
        "units",
        "unlink",
      ].sort(),
    );
    const scan = commands.find((c) => c.name === "scan")!;
    expect(scan.options).toMatchObject([{ name: "file", type: 11, required: true }]);
    const board = commands.find((c) => c.name === "leaderboard")!;
    const metric = board.options.find((o) => o.name === "metric")!;
    expect((metric.choices as { value: string }[]).map((c) => c.value)).toContain("fat_loss_pct");
    expect(commands.find((c) => c.name === "settings")!.defaultMemberPermissions).toBe("32");
    expect(commands.find((c) => c.name === "progress")!.defaultMemberPermissions).toBeNull();
    expect(world.fake.commands(gym)).toHaveLength(0);
  });
});

describe("/progress and /leaderboard", () => {
  it("/progress answers only the member, with exact numbers and the chart", async () => {
    const handle = command(members.ana!, "progress");
    const reply = await handle.reply(20_000);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain("Ana Silva");
    expect(reply.content).toContain("2 scans");
    expect(reply.content).toMatch(EXACT_VALUE);
    expect(reply.files.map((f) => f.name)).toEqual(["progress.png"]);
  });

  it("/leaderboard ranks the server's three members in public, with the chart", async () => {
    const handle = command(members.ben!, "leaderboard");
    const reply = await handle.reply(20_000);
    expect(reply.ephemeral).toBe(false);
    expect(reply.content).toContain("🏆");
    for (const name of ["Ana Silva", "Ben Cole", "Cy Tran"]) expect(reply.content).toContain(name);
    expect(reply.content).toMatch(/^1\. /m);
    expect(reply.content).toMatch(/^=?3\. /m);
    expect(reply.content).not.toMatch(EXACT_VALUE);
    expect(reply.files.map((f) => f.name)).toEqual(["leaderboard.png"]);
  });

  it("keeps servers apart: nobody from one server appears on another server's board", async () => {
    const mine = await command(members.dee!, "leaderboard", {}, otherChannel).reply(20_000);
    expect(mine.content).toContain("Dee Moss");
    for (const name of ["Ana Silva", "Ben Cole", "Cy Tran"]) expect(mine.content).not.toContain(name);
    const theirs = await command(members.cy!, "leaderboard").reply(20_000);
    expect(theirs.content).not.toContain("Dee Moss");
  });

  it("/leaderboard with a metric choice ranks by it", async () => {
    const reply = await command(members.cy!, "leaderboard", { metric: "fat_loss_pct" }).reply(20_000);
    expect(reply.content).toContain("Fat mass lost");
  });
});

describe("/settings", () => {
  it("refuses a member without Manage Server, and leaves the settings unchanged", async () => {
    const handle = command(members.ben!, "settings", { setting: "metric", value: "muscle" });
    const reply = await handle.reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain("Only server admins");
    const board = await command(members.ben!, "leaderboard").reply(20_000);
    expect(board.content).toContain("Body composition score");
  });

  it("lets a member with Manage Server change a setting, and the change sticks", async () => {
    const reply = await command(owner, "settings", { setting: "metric", value: "muscle" }).reply(20_000);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain("Updated metric");
    const view = await command(owner, "settings").reply(20_000);
    expect(view.content).toContain("leaderboard metric: **Muscle gained**");
    const board = await command(members.ana!, "leaderboard").reply(20_000);
    expect(board.content).toContain("Muscle gained");
  });
});

describe("in a DM with the bot", () => {
  it("a /scan answers with the details and chart directly", async () => {
    const dm = world.fake.addUser({ username: "solo", globalName: "Solo Lifter" });
    // a DM channel exists once the user has written to the bot
    world.fake.postDm({ user: dm, content: "hi" });
    const hello = await world.fake.waitForDm(dm, (m) => m.authorId !== dm.id);
    expect(hello.content).toContain("PDF of your Evolt 360 scan");
    const handle = world.fake.slashCommand({
      channel: hello.channelId,
      user: dm,
      name: "scan",
      options: { file: pdfFile(await scanPdf(person("Solo Lifter", { seed: 11 }))) },
    });
    const reply = await handle.reply(20_000);
    expect(reply.content).toContain("Your first scan is in");
    expect(reply.content).toMatch(EXACT_VALUE);
    expect(reply.files.map((f) => f.name)).toEqual(["progress.png"]);
    expect(handle.responses.filter((r) => r.kind === "followup")).toHaveLength(0);
  });
});

describe("a sheet printed for someone else", () => {
  it("asks the sender with buttons; only the sender may answer; 'no' removes the scan", async () => {
    const borrowed = person("Someone Else", {
      ...PEOPLE.cy,
      name: "Someone Else",
      scannedAt: "2026-05-05T09:00",
    });
    const scan = world.fake.slashCommand({
      channel: gymChannel,
      user: members.cy!,
      name: "scan",
      options: { file: pdfFile(await scanPdf(borrowed)) },
    });
    await scan.reply(20_000);
    const question = await scan.next(
      (r) => r.kind === "followup" && (r.content ?? "").includes("Is this scan yours?"),
      20_000,
    );
    expect(question.ephemeral).toBe(true);
    const customIds = JSON.stringify(question.components);
    const no = /"custom_id":"(own:\d+:n)"/.exec(customIds)![1]!;

    const intruder = world.fake.pressButton({ message: question.message!, customId: no, user: members.ana! });
    const refused = await intruder.next((r) => r.kind === "followup");
    expect(refused.content).toContain("Only the person who sent that scan");

    const press = world.fake.pressButton({ message: question.message!, customId: no, user: members.cy! });
    const answered = await press.next((r) => r.kind === "editOriginal" || r.callbackType === 7, 20_000);
    expect(answered.message!.content).toContain("Removed");
    const progress = await command(members.cy!, "progress").reply(20_000);
    expect(progress.content).toContain("2 scans");
  });
});

describe("/forget", () => {
  it("asks with buttons, and 'Delete everything' removes the member and their scans", async () => {
    const rawBefore = await rawFileCount();
    const handle = command(members.ben!, "forget");
    const confirm = await handle.reply();
    expect(confirm.ephemeral).toBe(true);
    expect(confirm.content).toContain("cannot be undone");
    const press = world.fake.pressButton({ message: confirm, customId: "forget:yes", user: members.ben! });
    const done = await press.next((r) => r.kind === "editOriginal" || r.callbackType === 7, 20_000);
    expect(done.message!.content).toContain("I deleted 2 scans");
    expect(done.message!.components).toHaveLength(0);

    expect(await rawFileCount()).toBe(rawBefore - 2);
    const progress = await command(members.ben!, "progress").reply(20_000);
    expect(progress.content).toContain("I don't have a scan from you yet");
    const board = await command(members.ana!, "leaderboard").reply(20_000);
    expect(board.content).not.toContain("Ben Cole");
  });
});

describe("notifier (weekly summary, reminders)", () => {
  const summary: Announcement = {
    kind: "weekly_summary",
    late: false,
    chart: null,
    summary: {
      groupId: 1,
      groupTitle: "Gym *Rats*",
      occurrence: {
        at: new Date("2026-03-09T09:00:00Z"),
        localDate: "2026-03-09",
        weekStart: "2026-03-09",
        window: { from: "2026-03-02T09:00", to: "2026-03-09T09:00" },
      },
      visibleMembers: 3,
      scanned: [],
      board: null,
      movers: [],
      goalsReached: [],
      personalBests: [],
      dueRescan: [],
      quiet: true,
    },
  };
  const reminder: Announcement = { kind: "rescan_reminder", name: "Ana", daysSinceLastScan: 35 };

  it("posts in the server (no place stored: its first text channel), in Discord Markdown", async () => {
    const result = await world.running.current.bot.notifier.postToGroup(gym.id, summary);
    expect(result).toBe("sent");
    const posted = world.fake.channelMessages(gymChannel).at(-1)!;
    expect(posted.content).toContain("**Gym \\*Rats\\*: week to Mon 9 Mar**");
    expect(posted.content).toContain("Quiet week: no new scans.");
    expect(posted.authorId).toBe(world.fake.botUser.id);
  });

  it("sends DMs, and reports a member whose DMs are closed as unreachable", async () => {
    expect(await world.running.current.bot.notifier.postToUser(members.ana!.id, reminder)).toBe("sent");
    expect(world.fake.dms(members.ana!).at(-1)!.content).toContain("Your last Evolt scan was 5 weeks ago");
    world.fake.setBlocksDms(members.cy!);
    expect(await world.running.current.bot.notifier.postToUser(members.cy!.id, reminder)).toBe("unreachable");
  });
});

describe("restart", () => {
  it("keeps everything when the bot and the core are stopped and built again on the same database", async () => {
    await world.running.current.stop();
    world.running.current = await startBot(world.fake, world.db);
    const progress = await command(members.ana!, "progress").reply(20_000);
    expect(progress.content).toContain("Ana Silva");
    expect(progress.content).toContain("2 scans");
    const board = await command(members.cy!, "leaderboard").reply(20_000);
    expect(board.content).toContain("Muscle gained");
    for (const name of ["Ana Silva", "Cy Tran"]) expect(board.content).toContain(name);
  });
});

async function rawFileCount(): Promise<number> {
  const [row] = await world.running.current.core.sql<{ n: number }[]>`
    select count(*)::int as n from bronze.raw_files`;
  return row!.n;
}
