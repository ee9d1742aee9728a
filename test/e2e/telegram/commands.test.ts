// Commands as members use them: /progress, /leaderboard, /goal, /export, /forget, /settings, /help.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { garbagePdf } from "../../fixtures/other-documents.ts";
import { tablesHolding } from "../../support/tables-holding.ts";
import { actor, PDF, person, scanPdf, scanSeries, sendScan, useTelegramWorld } from "./harness.ts";

const world = useTelegramWorld();
const EXACT_VALUE = /(?<![−+±\d.])\d+\.\d\s?(kg|lb|%)/;

async function command(
  chat: Parameters<typeof world.tg.sendText>[0]["chat"],
  from: Parameters<typeof world.tg.sendText>[0]["from"],
  text: string,
) {
  const { tg } = world;
  const before = tg.sent.length;
  const sent = tg.sendText({ ...(chat ? { chat } : {}), from, text });
  await tg.waitUntilHandled(sent.update);
  return { message: sent.message, replies: tg.sent.slice(before) };
}

describe("registration and help", () => {
  it("registers the shared command catalogue, per chat type", () => {
    const { tg } = world;
    const all = tg.commands()!.map((c) => c.command);
    expect(all).toEqual(
      expect.arrayContaining([
        "start",
        "help",
        "progress",
        "leaderboard",
        "goal",
        "units",
        "hide",
        "show",
        "export",
        "forget",
        "reminders",
        "settings",
      ]),
    );
    expect(all).not.toContain("scan");
    const inPrivate = tg.commands({ type: "all_private_chats" })!.map((c) => c.command);
    expect(inPrivate).toContain("start");
    expect(inPrivate).not.toContain("leaderboard");
    const inGroups = tg.commands({ type: "all_group_chats" })!.map((c) => c.command);
    expect(inGroups).toContain("settings");
    expect(inGroups).not.toContain("start");
  });

  it("/help explains how to let the bot see PDFs in a group", async () => {
    const { tg } = world;
    const kim = tg.createUser({ firstName: "Kim" });
    const group = tg.createGroup({ title: "Help me", members: [kim] });
    const { replies } = await command(group, kim, "/help@ronald_pump_bot");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.plainText).toContain("privacy mode is off");
    expect(replies[0]!.plainText).toContain("/leaderboard [metric] [period]");
  });

  it("/start in private greets the member by name", async () => {
    const { tg } = world;
    const lea = tg.createUser({ firstName: "Lea" });
    const { replies } = await command(undefined, lea, "/start");
    expect(replies[0]!.plainText).toContain("Hi Lea!");
  });
});

describe("/progress", () => {
  it("in a group: relative changes there, the full chart privately; in private: text and chart", async () => {
    const { tg } = world;
    const max = tg.createUser({ firstName: "Max" });
    const group = tg.createGroup({ title: "Progressors", members: [max] });
    const { replies: none } = await command(group, max, "/progress");
    expect(none[0]!.plainText).toContain("I don't have a scan from you yet");

    for (const bytes of await scanSeries(person("MAX POWER"), [{ fat: -2, lean: 0.5 }]))
      await sendScan(tg, { chat: group, from: max, bytes });

    const inGroup = await command(group, max, "/progress");
    const groupReply = inGroup.replies.find((r) => r.chatId === group.id)!;
    expect(groupReply.plainText).toContain("Max — 2 scans so far");
    expect(groupReply.plainText).toMatch(/fat mass −\d+\.\d%/);
    expect(groupReply.plainText).not.toMatch(EXACT_VALUE);
    const privateReply = inGroup.replies.find((r) => r.chatId === max.id)!;
    expect(privateReply.method).toBe("sendPhoto");
    expect(privateReply.plainText).toMatch(/fat mass −2\.0 kg/);

    const inPrivate = await command(undefined, max, "/progress year");
    expect(inPrivate.replies).toHaveLength(1);
    expect(inPrivate.replies[0]!.method).toBe("sendPhoto");
    expect(inPrivate.replies[0]!.plainText).toContain("Change since");

    const bad = await command(undefined, max, "/progress fortnight");
    expect(bad.replies[0]!.plainText).toMatch(/fortnight/);
  });
});

describe("/leaderboard", () => {
  it("ranks three members by their own progress, and a member of group A never appears in group B", async () => {
    const { tg } = world;
    const [ann, bob, cat, dee] = ["Ann", "Bob", "Cat", "Dee"].map((firstName) =>
      tg.createUser({ firstName }),
    );
    const groupA = tg.createGroup({ title: "Group A", members: [ann!, bob!, cat!] });
    const groupB = tg.createGroup({ title: "Group B", members: [dee!] });
    const plans: [typeof ann, number][] = [
      [ann, -3],
      [bob, -1.5],
      [cat, -0.2],
    ];
    for (const [user, fat] of plans) {
      const scans = await scanSeries(
        person(`${user!.first_name.toUpperCase()} TEST`, { seed: user!.id % 97 }),
        [{ fat, lean: 0 }],
      );
      for (const bytes of scans) await sendScan(tg, { chat: groupA, from: user!, bytes });
    }
    for (const bytes of await scanSeries(person("DEE TEST"), [{ fat: -4, lean: 0 }]))
      await sendScan(tg, { chat: groupB, from: dee!, bytes });

    const a = await command(groupA, ann!, "/leaderboard fat");
    const board = a.replies.find((r) => r.chatId === groupA.id)!;
    const lines = board.plainText!.split("\n");
    const rank = (name: string) => lines.findIndex((l) => l.includes(name));
    expect(rank("Ann")).toBeGreaterThan(0);
    expect(rank("Ann")).toBeLessThan(rank("Bob"));
    expect(rank("Bob")).toBeLessThan(rank("Cat"));
    expect(board.plainText).not.toContain("Dee");
    expect(board.method).toBe("sendPhoto");

    const b = await command(groupB, dee!, "/leaderboard");
    const boardB = b.replies.find((r) => r.chatId === groupB.id)!.plainText!;
    expect(boardB).toContain("Dee");
    for (const name of ["Ann", "Bob", "Cat"]) expect(boardB).not.toContain(name);

    // /hide takes Bob off group A's board
    await command(groupA, bob!, "/hide");
    const hidden = await command(groupA, ann!, "/leaderboard fat");
    expect(hidden.replies.find((r) => r.chatId === groupA.id)!.plainText).not.toContain("Bob");

    const inPrivate = await command(undefined, ann!, "/leaderboard");
    expect(inPrivate.replies[0]!.plainText).toContain("send /leaderboard in your gym group");
  });
});

describe("member settings", () => {
  it("/goal in a group keeps the target private; /units and /reminders answer in place", async () => {
    const { tg } = world;
    const ned = tg.createUser({ firstName: "Ned" });
    const group = tg.createGroup({ title: "Goals", members: [ned] });
    await sendScan(tg, { from: ned, bytes: await scanPdf(person("NED KELLY")) });
    const goal = await command(group, ned, "/goal fat 12");
    const inGroup = goal.replies.find((r) => r.chatId === group.id)!;
    expect(inGroup.plainText).toContain("Goal saved");
    expect(inGroup.plainText).not.toMatch(/12/);
    expect(goal.replies.find((r) => r.chatId === ned.id)!.plainText).toContain("Goal set: fat mass 12.0 kg");

    expect((await command(group, ned, "/goal banana 3")).replies[0]!.plainText).toContain("Which number?");
    expect((await command(undefined, ned, "/units stone")).replies[0]!.plainText).toContain("/units kg");
    expect((await command(undefined, ned, "/reminders off")).replies[0]!.plainText).toContain(
      "Reminders off",
    );
  });

  it("/export sends the member's scans as a CSV privately, even when asked in a group", async () => {
    const { tg } = world;
    const ola = tg.createUser({ firstName: "Ola" });
    const group = tg.createGroup({ title: "Exporters", members: [ola] });
    await sendScan(tg, { chat: group, from: ola, bytes: await scanPdf(person("OLA NORD")) });
    const { replies } = await command(group, ola, "/export");
    const csv = replies.find((r) => r.chatId === ola.id && r.method === "sendDocument")!;
    expect(csv.document!.fileName).toMatch(/\.csv$/);
    expect(csv.document!.bytes.toString("utf8").split("\n").filter(Boolean).length).toBe(2);
    expect(replies.find((r) => r.chatId === group.id)!.plainText).toContain(
      "Sent to you in our private chat",
    );
  });
});

describe("/forget", () => {
  it("asks with a button and then deletes the member's files, records and derived rows", async () => {
    const { tg, sql } = world;
    const pia = tg.createUser({ firstName: "Pia" });
    const other = tg.createUser({ firstName: "Other" });
    const group = tg.createGroup({ title: "Forgetful", members: [pia, other] });
    const scans = await scanSeries(person("PIA LANG", { sex: "female", weightKg: 70, bodyFatPct: 31 }), [
      { fat: -1, lean: 0 },
    ]);
    for (const bytes of scans) await sendScan(tg, { chat: group, from: pia, bytes });
    const count = async (table: string) =>
      (
        await sql.unsafe(
          `select count(*)::int as n from ${table} where member_id = (select member_id from app.identities where platform = 'telegram' and platform_user_id = '${pia.id}')`,
        )
      )[0]!.n as number;
    expect(await count("bronze.scan_reports")).toBe(2);

    const { replies } = await command(group, pia, "/forget");
    const question = replies.find((r) => r.chatId === group.id)!;
    expect(question.plainText).toContain("This deletes everything I know about you");
    const buttons = (
      question.replyMarkup as { inline_keyboard: { text: string; callback_data: string }[][] }
    ).inline_keyboard.flat();
    const confirm = buttons.find((b) => b.text === "Delete everything")!;

    const meddler = tg.pressButton({ from: other, message: question.message!, data: confirm.callback_data });
    await tg.waitUntilHandled(meddler.update);
    expect((await world.services.progress({ actor: actor(pia) })).kind).toBe("ok");

    const pressed = tg.pressButton({ from: pia, message: question.message!, data: confirm.callback_data });
    await tg.waitUntilHandled(pressed.update);
    expect(tg.history(group).find((m) => m.message_id === question.messageId)!.text).toContain(
      "Done. I deleted 2 scans and 2 files",
    );
    const [left] = await sql`
      select (select count(*)::int from bronze.scan_reports r join app.identities i on i.member_id = r.member_id
                where i.platform_user_id = ${String(pia.id)}) as reports,
             (select count(*)::int from app.identities where platform_user_id = ${String(pia.id)}) as identities`;
    expect(left).toEqual({ reports: 0, identities: 0 });
    const hashes = scans.map((bytes) => createHash("sha256").update(bytes).digest("hex"));
    const [files] =
      await sql`select count(*)::int as n from bronze.raw_files where sha256 = any(${hashes}::text[])`;
    expect(files!.n).toBe(0);
    const board = await world.services.leaderboard({
      place: { kind: "group", platform: "telegram", chatId: String(group.id), title: "Forgetful" },
    });
    expect(
      board.kind === "ok" && [...board.view.rows.map((r) => r.name), ...board.view.unranked],
    ).not.toContain("Pia");
    expect((await world.services.progress({ actor: actor(pia) })).kind).toBe("no_scans");
  });
});

describe("/forget, seen from the database", () => {
  it("leaves no trace of the member in any table, whatever they sent through the chat", async () => {
    const { tg, sql } = world;
    const quenby = tg.createUser({ firstName: "Quenby", lastName: "Forgetmenot", username: "quenby_f" });
    const group = tg.createGroup({ title: "Traceless", members: [quenby] });
    const scan = await scanPdf(person("QUENBY FORGETMENOT", { sex: "female", weightKg: 64, bodyFatPct: 29 }));
    const damaged = garbagePdf();
    const sent = [
      tg.sendDocument({ chat: group, from: quenby, fileName: "scan.pdf", mimeType: PDF, bytes: scan }),
      tg.sendDocument({ from: quenby, fileName: "again.pdf", mimeType: PDF, bytes: scan }),
      tg.sendDocument({ from: quenby, fileName: "damaged.pdf", mimeType: PDF, bytes: damaged }),
    ];
    for (const s of sent) await tg.waitUntilHandled(s.update);
    await command(group, quenby, "/goal weight 60");
    const hashes = [scan, damaged].map((bytes) => createHash("sha256").update(bytes).digest("hex"));
    const needles = ["Quenby", "Forgetmenot", ...hashes, ...sent.map((s) => s.file.fileUniqueId)];
    const before = new Set([...(await tablesHolding(sql, needles)).values()].flat());
    for (const needle of ["quenby", "forgetmenot", ...hashes]) expect(before).toContain(needle);

    const { replies } = await command(undefined, quenby, "/forget");
    const question = replies.find((r) => r.replyMarkup)!;
    const confirm = (
      question.replyMarkup as { inline_keyboard: { text: string; callback_data: string }[][] }
    ).inline_keyboard
      .flat()
      .find((b) => b.text === "Delete everything")!;
    const pressed = tg.pressButton({ from: quenby, message: question.message!, data: confirm.callback_data });
    await tg.waitUntilHandled(pressed.update);
    expect(Object.fromEntries(await tablesHolding(sql, needles))).toEqual({});
  });
});

describe("/settings", () => {
  it("only group admins (checked with Telegram) may see or change settings", async () => {
    const { tg } = world;
    const boss = tg.createUser({ firstName: "Boss" });
    const pleb = tg.createUser({ firstName: "Pleb" });
    const group = tg.createGroup({ title: "Settings & more", admins: [boss], members: [pleb] });

    const denied = await command(group, pleb, "/settings metric muscle");
    expect(denied.replies[0]!.plainText).toBe("Only group admins can change the settings.");
    expect(tg.calls.some((c) => c.method === "getChatMember" && c.params.user_id === pleb.id)).toBe(true);
    const place = {
      kind: "group",
      platform: "telegram",
      chatId: String(group.id),
      title: "Settings & more",
    } as const;
    expect((await world.services.groupSettings({ place }))!.leaderboardMetric).not.toBe("muscle_gain_pct");

    const shown = await command(group, boss, "/settings");
    expect(shown.replies[0]!.plainText).toContain("Settings for Settings & more");
    const changed = await command(group, boss, "/settings metric muscle");
    expect(changed.replies[0]!.plainText).toContain("Updated metric");
    expect((await world.services.groupSettings({ place }))!.leaderboardMetric).toBe("muscle_gain_pct");
    const tz = await command(group, boss, "/settings timezone Mars/Olympus");
    expect(tz.replies[0]!.plainText).toMatch(/doesn't work for timezone/);
  });
});

describe("an anonymous group admin (posting as the group)", () => {
  it("is asked to post as themselves for personal commands, files nothing, and may still change settings", async () => {
    const { tg, sql } = world;
    const boss = tg.createUser({ firstName: "Anon Boss" });
    const gym = tg.createGroup({ title: "Anon Gym A", admins: [boss] });
    const other = tg.createGroup({ title: "Anon Gym B", admins: [boss] });
    const asGroup = async (chat: typeof gym, text: string) => {
      const before = tg.sent.length;
      const sent = tg.sendAsGroup({ chat, text });
      await tg.waitUntilHandled(sent.update);
      return tg.sent.slice(before);
    };

    for (const text of ["/progress", "/goal weight 70", "/export", "/forget", "/units lb", "/hide"]) {
      for (const chat of [gym, other]) {
        const replies = await asGroup(chat, text);
        expect(
          replies.map((r) => [
            r.chatId,
            (r.plainText ?? "").includes("post it as yourself, not anonymously"),
          ]),
        ).toEqual([[chat.id, true]]);
      }
    }
    const pseudo =
      await sql`select 1 from app.identities where platform_user_id in ('1087968824', '136817688')`;
    expect(pseudo).toHaveLength(0);

    const changed = await asGroup(gym, "/settings metric muscle");
    expect(changed[0]!.plainText).toContain("Updated metric");
    const place = (chat: typeof gym, title: string) =>
      ({ kind: "group", platform: "telegram", chatId: String(chat.id), title }) as const;
    expect((await world.services.groupSettings({ place: place(gym, "Anon Gym A") }))!.leaderboardMetric).toBe(
      "muscle_gain_pct",
    );
    expect(
      (await world.services.groupSettings({ place: place(other, "Anon Gym B") }))?.leaderboardMetric,
    ).not.toBe("muscle_gain_pct");
  });
});
