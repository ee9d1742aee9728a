// An update is started with a lease and marked done when handled: a redelivery of a done update is skipped,
// one whose handler died is handled again, one whose handler is still at work waits for it.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.ts";
import { handleUpdateOnce, MAX_UPDATE_ATTEMPTS } from "../../src/use-cases/handle-update-once.ts";
import { useTestDatabase } from "../support/test-db.ts";

const t = useTestDatabase();
const once = () => handleUpdateOnce({ sql: t.current.sql, log: createLogger("silent") });

/** What a process killed mid-handling leaves behind: started, never done, its lease no longer renewed. */
async function diedWhileHandling(key: string, attempts = 1): Promise<void> {
  await t.current.sql`
    insert into app.processed_updates (platform, update_key, lease_until, attempts)
    values ('telegram', ${key}, now() - interval '1 second', ${attempts})`;
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
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
