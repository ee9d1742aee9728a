// Challenge use-cases on the real database: the words an admin types, one running challenge per group even
// when two admins race, the entry window closing, cancel, hiding and /forget.
import { describe, expect, it } from "vitest";
import { mergeMembers, resolveMember } from "../../src/db/queries/people.ts";
import { parseChallengeWords } from "../../src/use-cases/challenge-words.ts";
import type { Actor, Place } from "../../src/use-cases/ports.ts";
import { clock, scans } from "../summaries/support.ts";
import { useTestCore } from "../support/core.ts";

const time = clock("2026-03-01T09:00:00Z");

describe("the words after /challenge new", () => {
  it("reads name, start, length, metric, mode and entry window", () => {
    expect(
      parseChallengeWords("“Spring Cut” 2026-03-02 12w fat threshold 2.5% entry 10d", "composite"),
    ).toEqual({
      kind: "ok",
      spec: {
        title: "Spring Cut",
        startsOn: "2026-03-02",
        endsOn: "2026-05-25",
        weeksOrDays: 84,
        entryDays: 10,
        metric: "fat_loss_pct",
        mode: "threshold",
        threshold: 2.5,
      },
    });
    const plain = parseChallengeWords('"Cut" 2026-03-02 10d mode leaderboard', "weight_loss_pct");
    expect(plain).toMatchObject({
      kind: "ok",
      spec: { entryDays: 10, metric: "weight_loss_pct", mode: "leaderboard" },
    });
  });

  it("names the word it cannot use", () => {
    expect(parseChallengeWords('"Cut" 2026-02-30 12w', "composite")).toEqual({
      kind: "bad",
      problem: "date",
      word: "2026-02-30",
    });
    expect(parseChallengeWords('"Cut" 2026-03-02 soon', "composite")).toEqual({
      kind: "bad",
      problem: "length",
      word: "soon",
    });
    expect(parseChallengeWords('"Cut" 2026-03-02 2w entry 3w', "composite")).toMatchObject({
      problem: "entry",
    });
    expect(parseChallengeWords('"Cut" 2026-03-02 2w threshold', "composite")).toMatchObject({
      problem: "threshold",
    });
    expect(parseChallengeWords('"Cut" 2026-03-02 2w biceps', "composite")).toMatchObject({
      problem: "word",
      word: "biceps",
    });
    expect(parseChallengeWords("", "composite")).toMatchObject({ problem: "title" });
  });
});

describe("challenges in a group", () => {
  const t = useTestCore({ now: () => time.now });
  const place: Place = { kind: "group", platform: "telegram", chatId: "-42", title: "Night Owls" };
  let title = "";
  const actor = (userId: string, displayName: string): Actor => ({
    platform: "telegram",
    userId,
    displayName,
  });

  it("lets one of two racing admins start it; the other is told it is running", async () => {
    const words = '"Spring Cut" 2026-03-02 4w';
    const results = await Promise.all([
      t.current.services.startChallenge({ place, words }),
      t.current.services.startChallenge({ place, words: '"Other" 2026-03-02 4w' }),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(["already_running", "started"]);
    const winner = results.find((r) => r.kind === "started");
    title = winner?.kind === "started" ? winner.view.title : "";
    const group = await t.current.services.groupSettings({ place });
    expect(group?.challengeStart).toBe("2026-03-02");
  });

  it("closes entries with the entry window, keeps hidden entrants off the board, forgets the forgotten", async () => {
    const zoe = actor("501", "Zoe");
    const yan = actor("502", "Yan");
    expect((await t.current.services.joinChallenge({ actor: zoe, place })).kind).toBe("joined");
    expect((await t.current.services.joinChallenge({ actor: yan, place })).kind).toBe("joined");
    const group = { chatId: "-42", title: "Night Owls" };
    await scans(t.current, { userId: "501", name: "Zoe" }, group, [
      { at: "2026-03-03T07:00", weightKg: 70, fatPct: 28 },
      { at: "2026-03-20T07:00", weightKg: 69, fatPct: 26 },
    ]);
    await scans(t.current, { userId: "502", name: "Yan" }, group, [
      { at: "2026-03-04T07:00", weightKg: 80, fatPct: 20 },
    ]);

    time.set("2026-03-16T09:00:00Z"); // the 14-day entry window ended on 15 Mar
    const late = await t.current.services.joinChallenge({ actor: actor("503", "Xia"), place });
    expect(late.kind).toBe("entry_closed");

    await t.current.services.setVisibility({ actor: yan, place, hidden: true });
    let status = await t.current.services.challengeStatus({ place });
    expect(status.kind === "ok" && status.view.rows.map((r) => [r.name, r.standing])).toEqual([
      ["Zoe", "ranked"],
    ]);
    await t.current.services.setVisibility({ actor: yan, place, hidden: false });
    await t.current.services.forget({ actor: zoe });
    status = await t.current.services.challengeStatus({ place });
    expect(status.kind === "ok" && status.view.rows.map((r) => [r.name, r.standing])).toEqual([
      ["Yan", "no_result"],
    ]);
  });

  it("an entrant who links a second account stays in, as the person", async () => {
    time.set("2026-03-10T09:00:00Z"); // inside the entry window again
    const discordWen = { platform: "discord", userId: "d-504", displayName: "Wen" };
    expect((await t.current.services.joinChallenge({ actor: discordWen, place })).kind).toBe("joined");
    const older = await resolveMember(t.current.sql, actor("505", "Wen T"));
    const newer = await resolveMember(t.current.sql, discordWen);
    await t.current.sql.begin((tx) => mergeMembers(tx, older.id, newer.id));
    await t.current.runPipeline([older.id, newer.id]);
    const status = await t.current.services.challengeStatus({ place });
    const names = status.kind === "ok" ? status.view.rows.map((r) => r.memberId) : [];
    expect(names).toContain(older.id);
    expect(names).not.toContain(newer.id);
  });

  it("cancel stops it without results and frees the leaderboard's challenge period", async () => {
    const cancelled = await t.current.services.stopChallenge({ place, how: "cancel" });
    expect(cancelled).toEqual({ kind: "cancelled", title });
    expect((await t.current.services.stopChallenge({ place, how: "end" })).kind).toBe("no_challenge");
    expect((await t.current.services.groupSettings({ place }))?.challengeStart).toBeNull();
    const history = await t.current.services.challengeHistory({ place });
    expect(history).toMatchObject({
      kind: "ok",
      challenges: [{ title, status: "cancelled", winners: [] }],
    });
    const join = await t.current.services.joinChallenge({ actor: actor("502", "Yan"), place });
    expect(join.kind).toBe("no_challenge");
  });
});
