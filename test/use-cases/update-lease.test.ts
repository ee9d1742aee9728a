// An update is started with a lease and marked done when handled: a redelivery of a done update is skipped,
// one whose handler died is handled again, one whose handler is still at work waits for it.
import { describe, expect, it } from "vitest";
import { forgetOldChatUpdates } from "../../src/jobs/update-cleanup.ts";
import { createLogger } from "../../src/log.ts";
import { handleUpdateOnce, MAX_UPDATE_ATTEMPTS } from "../../src/use-cases/handle-update-once.ts";
import { updateInbox } from "../../src/use-cases/update-inbox.ts";
import { gate } from "../support/gate.ts";
import { useTestDatabase } from "../support/test-db.ts";

const t = useTestDatabase();
const once = () => handleUpdateOnce({ sql: t.current.sql, log: createLogger("silent") });

/** What a process killed mid-handling leaves behind: started, never done, its lease no longer renewed. */
async function diedWhileHandling(key: string, attempts = 1): Promise<void> {
  await t.current.sql`
    insert into app.processed_updates (platform, update_key, lease_until, attempts)
    values ('telegram', ${key}, now() - interval '1 second', ${attempts})`;
}

describe("handling a platform update once", () => {
  it("skips a redelivery of an update that was handled", async () => {
    let runs = 0;
    expect(await once()("telegram", "1:100", async () => void runs++)).toBe("handled");
    expect(await once()("telegram", "1:100", async () => void runs++)).toBe("skipped");
    expect(runs).toBe(1);
  });

  it("handles again an update whose handler died before it finished", async () => {
    await diedWhileHandling("1:200");
    let answered = 0;
    expect(await once()("telegram", "1:200", async () => void answered++)).toBe("handled");
    expect(answered).toBe(1);
    expect(await once()("telegram", "1:200", async () => void answered++)).toBe("skipped");
    expect(answered).toBe(1);
  });

  it("lets a redelivery wait for a handler that is still at work, then skips it", async () => {
    const working = gate();
    const started = gate();
    let runs = 0;
    const first = once()("telegram", "1:300", async () => {
      runs++;
      started.open();
      await working.opened;
    });
    await started.opened;
    const second = once()("telegram", "1:300", async () => void runs++);
    working.open();
    expect(await first).toBe("handled");
    expect(await second).toBe("skipped");
    expect(runs).toBe(1);
  });

  it("counts a handler that failed as done (it apologised)", async () => {
    await expect(
      once()("telegram", "1:400", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    let runs = 0;
    expect(await once()("telegram", "1:400", async () => void runs++)).toBe("skipped");
    expect(runs).toBe(0);
  });

  it("gives up on an update that stopped its handler every time", async () => {
    await diedWhileHandling("1:500", MAX_UPDATE_ATTEMPTS);
    let runs = 0;
    expect(await once()("telegram", "1:500", async () => void runs++)).toBe("given_up");
    expect(runs).toBe(0);
    expect(await once()("telegram", "1:500", async () => void runs++)).toBe("skipped");
  });
});

describe("the update inbox (updates confirmed as soon as they are fetched)", () => {
  const inbox = () => updateInbox({ sql: t.current.sql });
  const message = (id: number, text: string) => ({ update_id: id, message: { text } });

  it("hands back kept updates nobody handles, once handled forgets their text, and counts the first attempt as 1", async () => {
    await inbox().keep("telegram", [
      { updateKey: "9:1", payload: message(1, "/progress") },
      { updateKey: "9:2", payload: message(2, "/goal fat 18") },
    ]);
    await inbox().keep("telegram", [{ updateKey: "9:1", payload: message(1, "changed?") }]);
    expect(await inbox().toResume("telegram", "9:", { all: false, limit: 10 })).toEqual([
      { updateKey: "9:1", payload: message(1, "/progress") },
      { updateKey: "9:2", payload: message(2, "/goal fat 18") },
    ]);
    expect(await inbox().toResume("telegram", "8:", { all: false, limit: 10 })).toEqual([]);

    const seen: string[] = [];
    expect(await once()("telegram", "9:1", async () => void seen.push("1"))).toBe("handled");
    expect(
      (await inbox().toResume("telegram", "9:", { all: false, limit: 10 })).map((u) => u.updateKey),
    ).toEqual(["9:2"]);
    const [row] = await t.current.sql<{ payload: unknown; attempts: number }[]>`
      select payload, attempts from app.processed_updates where update_key = '9:1'`;
    expect(row).toEqual({ payload: null, attempts: 1 });
  });

  it("does not hand back an update while its handler holds the lease", async () => {
    await inbox().keep("telegram", [{ updateKey: "9:3", payload: message(3, "/leaderboard") }]);
    const held = gate();
    const handling = once()("telegram", "9:3", () => held.opened);
    await expect
      .poll(async () =>
        (await inbox().toResume("telegram", "9:", { all: false, limit: 10 })).map((u) => u.updateKey),
      )
      .not.toContain("9:3");
    held.open();
    expect(await handling).toBe("handled");
  });

  it("hands back every kept update at start, leased or not, in the order sent; a NUL in a message does not stop keeping", async () => {
    await inbox().keep("telegram", [
      { updateKey: "5:10", payload: message(10, "second") },
      { updateKey: "5:9", payload: message(9, "first\u0000") },
    ]);
    const held = gate();
    const handling = once()("telegram", "5:9", () => held.opened);
    await expect
      .poll(async () =>
        (await inbox().toResume("telegram", "5:", { all: false, limit: 10 })).map((u) => u.updateKey),
      )
      .toEqual(["5:10"]);
    expect(await inbox().toResume("telegram", "5:", { all: true, limit: 10 })).toEqual([
      { updateKey: "5:9", payload: message(9, "first") },
      { updateKey: "5:10", payload: message(10, "second") },
    ]);
    held.open();
    await handling;
  });

  it("forgets handled updates after a week and the text of unfinished ones after a day", async () => {
    await t.current.sql`
      insert into app.processed_updates (platform, update_key, processed_at, lease_until, done_at, payload)
      values ('telegram', '7:1', now() - interval '8 days', now(), now() - interval '8 days', null),
             ('telegram', '7:2', now() - interval '2 days', now(), now() - interval '2 days', null),
             ('telegram', '7:3', now() - interval '25 hours', now() - interval '25 hours', null, '{"text":"fat 18.2"}'),
             ('telegram', '7:4', now() - interval '1 hour', now() - interval '1 hour', null, '{"text":"/start"}')`;
    await forgetOldChatUpdates({ sql: t.current.sql, log: createLogger("silent"), now: () => new Date() });
    const rows = await t.current.sql<{ key: string; payload: unknown; done: boolean }[]>`
      select update_key as key, payload, done_at is not null as done from app.processed_updates
      where update_key like '7:%' order by update_key`;
    expect(rows).toEqual([
      { key: "7:2", payload: null, done: true },
      { key: "7:3", payload: null, done: true },
      { key: "7:4", payload: { text: "/start" }, done: false },
    ]);
  });
});
