// One person on both platforms: /link codes (expiry on the core's clock, single use, limits), the merge of
// histories, goals, settings and groups, /unlink, and /forget reaching every linked account.
import { describe, expect, it } from "vitest";
import type { Actor, Place } from "../../src/use-cases/ports.ts";
import { useTestCore } from "../support/core.ts";
import { makeRecord, type PersonAt, recordBytes } from "../support/records.ts";

const clock = { now: new Date("2026-06-01T12:00:00Z") };
const later = (minutes: number) => {
  clock.now = new Date(clock.now.getTime() + minutes * 60_000);
};

let nextUser = 900;
function accounts(name: string): { tg: Actor; dc: Actor } {
  nextUser++;
  return {
    tg: { platform: "telegram", userId: String(nextUser), displayName: name },
    dc: { platform: "discord", userId: `d${nextUser}`, displayName: name },
  };
}

const tgGroup: Place = { kind: "group", platform: "telegram", chatId: "-500", title: "Gym rats" };
const guild: Place = { kind: "group", platform: "discord", chatId: "g500", title: "Iron Temple" };
const privately = (actor: Actor): Place => ({
  kind: "private",
  platform: actor.platform,
  chatId: actor.userId,
});

describe("linking a Telegram and a Discord account", () => {
  const t = useTestCore({ now: () => clock.now });
  let message = 0;

  async function scan(actor: Actor, place: Place, at: PersonAt) {
    const outcome = await t.current.services.ingestScan({
      actor,
      place,
      bytes: recordBytes(makeRecord(at)),
      fileName: "scan.pdf",
      mimeType: "application/pdf",
      messageId: String(++message),
    });
    return outcome;
  }

  async function code(actor: Actor): Promise<string> {
    const r = await t.current.services.requestLinkCode({ actor });
    if (r.kind !== "code") throw new Error(`expected a code, got ${r.kind}`);
    return r.code;
  }

  async function scanTimes(actor: Actor): Promise<string[]> {
    const r = await t.current.services.progress({ actor, periodWord: "all" });
    if (r.kind !== "ok") return [];
    return r.view.history.map((h) => h.scannedAt);
  }

  async function boardNames(place: Place): Promise<string[]> {
    const r = await t.current.services.leaderboard({ place, periodWord: "all" });
    if (r.kind !== "ok") throw new Error(`expected a board, got ${r.kind}`);
    return r.view.rows.map((row) => row.name);
  }

  it("merges both histories into one, a file or a printed scan sent from both accounts counting once", async () => {
    const ana = accounts("Ana");
    const march = { scannedAt: "2026-03-02T08:00", weightKg: 70, fatPct: 30 };
    const april = { scannedAt: "2026-04-02T08:00", weightKg: 69, fatPct: 28.5 };
    const may = { scannedAt: "2026-05-02T08:00", weightKg: 68.5, fatPct: 27.5 };
    expect((await scan(ana.tg, tgGroup, march)).kind).toBe("accepted");
    expect((await scan(ana.tg, tgGroup, april)).kind).toBe("accepted");
    // before the link the same file from Discord is someone else's; the April scan exported again (other
    // bytes, same printed time) is the Discord account's own
    expect(await scan(ana.dc, guild, march)).toMatchObject({ kind: "duplicate", ownedByOther: true });
    expect((await scan(ana.dc, guild, { ...april, name: "Ana S" })).kind).toBe("accepted");
    expect((await scan(ana.dc, guild, may)).kind).toBe("accepted");

    const linked = await t.current.services.linkAccounts({ actor: ana.tg, codeText: await code(ana.dc) });
    expect(linked).toEqual({ kind: "linked", platforms: ["telegram", "discord"] });

    const times = ["2026-03-02T08:00", "2026-04-02T08:00", "2026-05-02T08:00"];
    expect(await scanTimes(ana.tg)).toEqual(times);
    expect(await scanTimes(ana.dc)).toEqual(times);
    // both groups keep her; each board shows only its own members
    const ben = accounts("Ben");
    await scan(ben.tg, tgGroup, { scannedAt: "2026-03-03T08:00", weightKg: 90, fatPct: 25 });
    await scan(ben.tg, tgGroup, { scannedAt: "2026-04-03T08:00", weightKg: 89, fatPct: 24 });
    expect((await boardNames(tgGroup)).sort()).toEqual(["Ana", "Ben"]);
    expect(await boardNames(guild)).toEqual(["Ana"]);
    // the Sheet shows her once: one row per scan and tab, under one member
    const rows = await t.current.sql<{ tab: string; n: number; members: number }[]>`
      select tab, count(*)::int as n, count(distinct member_id)::int as members from gold.sheet_rows
      where member = 'Ana' group by tab order by tab`;
    expect(rows).toEqual([
      { tab: expect.stringContaining("Gym rats"), n: 3, members: 1 },
      { tab: expect.stringContaining("Iron Temple"), n: 3, members: 1 },
    ]);
    // the same file again from either account is a duplicate of her own scan, not someone else's
    const again = await scan(ana.tg, privately(ana.tg), may);
    expect(again).toMatchObject({ kind: "duplicate", ownedByOther: false });
    const sameTime = await scan(ana.tg, privately(ana.tg), { ...may, name: "A. Silva" });
    expect(sameTime).toMatchObject({ kind: "duplicate", reason: "same_scan" });
    expect(await scanTimes(ana.dc)).toEqual(times);
  });

  it("keeps the older account's goals and settings, and the newer one's where the older has none", async () => {
    const cy = accounts("Cy");
    const s = t.current.services;
    await scan(cy.tg, privately(cy.tg), { scannedAt: "2026-03-05T08:00", weightKg: 80, fatPct: 22 });
    await s.setUnits({ actor: cy.tg, unitsWord: "lb" });
    await s.setReminders({ actor: cy.tg, stateWord: "off" });
    await s.setGoal({ actor: cy.tg, metricWord: "fat", targetText: "15 kg" });
    // the Discord account appears later, with other choices
    await s.setUnits({ actor: cy.dc, unitsWord: "kg" });
    await s.setGoal({ actor: cy.dc, metricWord: "fat", targetText: "12 kg" });
    await s.setGoal({ actor: cy.dc, metricWord: "weight", targetText: "75 kg" });

    // linked from the newer account's code: the older one still wins
    expect((await s.linkAccounts({ actor: cy.tg, codeText: await code(cy.dc) })).kind).toBe("linked");

    const r = await s.progress({ actor: cy.dc });
    if (r.kind !== "ok") throw new Error("expected progress");
    expect(r.view.units).toBe("lb");
    expect(Object.fromEntries(r.view.goals.map((g) => [g.metric, g.target]))).toEqual({
      body_fat_mass_kg: 15,
      weight_kg: 75,
    });
    const [member] = await t.current.sql<{ reminders: boolean }[]>`
      select m.reminders_enabled as reminders from app.members m
      join app.identities i on i.member_id = m.id where i.platform = 'discord' and i.platform_user_id = ${cy.dc.userId}`;
    expect(member!.reminders).toBe(false);
  });

  it("refuses a wrong code, an expired code and a used code, and nothing changes", async () => {
    const dee = accounts("Dee");
    const eve = accounts("Eve");
    const s = t.current.services;
    await scan(dee.tg, privately(dee.tg), { scannedAt: "2026-03-06T08:00", weightKg: 60, fatPct: 27 });
    await scan(dee.dc, privately(dee.dc), { scannedAt: "2026-04-06T08:00", weightKg: 59, fatPct: 26 });

    expect(await s.linkAccounts({ actor: dee.tg, codeText: "ABCD-EFGH" })).toEqual({ kind: "wrong" });
    expect(await s.linkAccounts({ actor: dee.tg, codeText: "not a code" })).toEqual({ kind: "wrong" });

    const stale = await code(dee.dc);
    later(11);
    expect(await s.linkAccounts({ actor: dee.tg, codeText: stale })).toEqual({ kind: "expired" });
    expect(await scanTimes(dee.tg)).toEqual(["2026-03-06T08:00"]);
    expect(await scanTimes(dee.dc)).toEqual(["2026-04-06T08:00"]);

    // a new code replaces the one before; typed in lower case without the dash, it still works
    const replaced = await code(dee.dc);
    const fresh = await code(dee.dc);
    expect(await s.linkAccounts({ actor: dee.tg, codeText: replaced })).toEqual({ kind: "expired" });
    later(9);
    const typed = fresh.replace("-", "").toLowerCase();
    expect((await s.linkAccounts({ actor: dee.tg, codeText: typed })).kind).toBe("linked");
    // spent: nobody can use it again, not even someone who saw it
    expect(await s.linkAccounts({ actor: eve.tg, codeText: fresh })).toEqual({ kind: "expired" });
    expect(await scanTimes(eve.tg)).toEqual([]);
    expect(await s.linkAccounts({ actor: dee.tg, codeText: await code(dee.dc) })).toEqual({
      kind: "same_person",
    });
  });

  it("limits wrong tries (5 per 10 minutes) and codes (5 an hour), with a friendly refusal", async () => {
    const fay = accounts("Fay");
    const s = t.current.services;
    const good = await code(fay.dc);
    for (let i = 0; i < 5; i++)
      expect(await s.linkAccounts({ actor: fay.tg, codeText: `WXYZ-234${i + 2}` })).toEqual({
        kind: "wrong",
      });
    // even the right code is refused while the limit holds
    expect(await s.linkAccounts({ actor: fay.tg, codeText: good })).toEqual({
      kind: "too_many_tries",
      minutes: 10,
    });
    later(10);
    expect((await s.linkAccounts({ actor: fay.tg, codeText: await code(fay.dc) })).kind).toBe("linked");

    const gus = accounts("Gus");
    for (let i = 0; i < 5; i++) await code(gus.tg);
    expect(await s.requestLinkCode({ actor: gus.tg })).toEqual({ kind: "too_many_codes", perHour: 5 });
    later(61);
    expect((await s.requestLinkCode({ actor: gus.tg })).kind).toBe("code");
  });

  it("refuses to join two accounts of one platform, or a second account to a linked pair", async () => {
    const hal = accounts("Hal");
    const other = accounts("Hal two");
    const s = t.current.services;
    expect(await s.linkAccounts({ actor: other.tg, codeText: await code(hal.tg) })).toEqual({
      kind: "platform_taken",
      platform: "telegram",
    });
    expect((await s.linkAccounts({ actor: hal.dc, codeText: await code(hal.tg) })).kind).toBe("linked");
    expect(await s.linkAccounts({ actor: other.dc, codeText: await code(hal.tg) })).toEqual({
      kind: "platform_taken",
      platform: "discord",
    });
  });

  it("/unlink splits the account off: its past scans stay, its next scans are its own", async () => {
    const ivy = accounts("Ivy");
    const s = t.current.services;
    await scan(ivy.tg, tgGroup, { scannedAt: "2026-03-07T08:00", weightKg: 66, fatPct: 29 });
    await scan(ivy.dc, guild, { scannedAt: "2026-04-07T08:00", weightKg: 65, fatPct: 28 });
    await s.setUnits({ actor: ivy.tg, unitsWord: "lb" });
    expect((await s.linkAccounts({ actor: ivy.dc, codeText: await code(ivy.tg) })).kind).toBe("linked");
    expect(await s.forgetReach({ actor: ivy.tg })).toEqual({ linkedPlatforms: ["discord"] });

    expect(await s.unlinkAccount({ actor: ivy.dc })).toEqual({ kind: "unlinked", platform: "discord" });
    expect(await s.unlinkAccount({ actor: ivy.dc })).toEqual({ kind: "not_linked" });
    expect(await s.forgetReach({ actor: ivy.tg })).toEqual({ linkedPlatforms: [] });
    expect(await scanTimes(ivy.tg)).toEqual(["2026-03-07T08:00", "2026-04-07T08:00"]);
    expect(await scanTimes(ivy.dc)).toEqual([]);

    await scan(ivy.dc, guild, { scannedAt: "2026-05-07T08:00", weightKg: 64, fatPct: 27 });
    expect(await scanTimes(ivy.dc)).toEqual(["2026-05-07T08:00"]);
    expect(await scanTimes(ivy.tg)).toEqual(["2026-03-07T08:00", "2026-04-07T08:00"]);
    const r = await s.progress({ actor: ivy.dc });
    expect(r.kind === "ok" && r.view.units).toBe("lb");
    // the server's board has the Discord account alone, the Telegram group the Telegram one
    const members = await t.current.sql<{ platform: string; n: number }[]>`
      select g.platform, count(distinct ms.member_id)::int as n from app.memberships ms
      join app.groups g on g.id = ms.group_id
      join app.identities i on i.member_id = ms.member_id and i.display_name = 'Ivy'
      group by g.platform order by g.platform`;
    expect(members).toEqual([
      { platform: "discord", n: 1 },
      { platform: "telegram", n: 1 },
    ]);
  });

  it("/forget from one account forgets the person on both: every file, record and Sheet row", async () => {
    const jo = accounts("Jo");
    const s = t.current.services;
    await scan(jo.tg, tgGroup, { scannedAt: "2026-03-08T08:00", weightKg: 75, fatPct: 20, name: "JO" });
    await scan(jo.dc, guild, { scannedAt: "2026-04-08T08:00", weightKg: 74, fatPct: 19, name: "JO" });
    expect((await s.linkAccounts({ actor: jo.tg, codeText: await code(jo.dc) })).kind).toBe("linked");
    const before = await t.current.sql`select 1 from gold.sheet_rows where member = 'Jo'`;
    expect(before).toHaveLength(4);

    expect(await s.forget({ actor: jo.dc })).toEqual({ scans: 2, rawFiles: 2 });

    const left = await t.current.sql`
      select 1 from bronze.scan_reports where payload -> 'subject' ->> 'name' = 'JO'
      union all select 1 from bronze.raw_files where convert_from(bytes, 'UTF8') like '%"name":"JO"%'
      union all select 1 from gold.sheet_rows where member = 'Jo'
      union all select 1 from app.identities where display_name = 'Jo'
      union all select 1 from app.link_codes where platform_user_id in (${jo.tg.userId}, ${jo.dc.userId})
      union all select 1 from app.link_attempts where platform_user_id in (${jo.tg.userId}, ${jo.dc.userId})`;
    expect(left).toHaveLength(0);
    expect(await scanTimes(jo.tg)).toEqual([]);
  });
});
