// The optional conditions question after an accepted scan, on the real database: asked only of an entrant of
// a running challenge, once per scan, never after /conditions off.
import { describe, expect, it } from "vitest";
import type { Actor, Place } from "../../src/use-cases/ports.ts";
import { clock } from "../summaries/support.ts";
import { useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes } from "../support/records.ts";

const time = clock("2026-03-01T09:00:00Z");

describe("the conditions question after a scan", () => {
  const t = useTestCore({ now: () => time.now });
  const place: Place = { kind: "group", platform: "telegram", chatId: "-77", title: "Early Birds" };
  const ada: Actor = { platform: "telegram", userId: "701", displayName: "Ada" };
  let messageId = 0;

  async function scan(scannedAt: string) {
    const reply = await t.current.services.ingestScan({
      actor: ada,
      place,
      bytes: recordBytes(makeRecord({ name: "Ada", scannedAt, weightKg: 64, fatPct: 27 })),
      fileName: "scan.pdf",
      mimeType: "application/pdf",
      messageId: String(++messageId),
    });
    if (reply.kind !== "accepted") throw new Error(`scan not accepted: ${reply.kind}`);
    return { memberId: reply.memberId, scanId: reply.scanId };
  }
  const asked = (s: { memberId: number; scanId: string }) => t.current.services.askConditions(s);

  it("is not asked outside a challenge", async () => {
    expect(await asked(await scan("2026-02-27T07:00"))).toBe(false);
  });

  it("is asked of an entrant of a running challenge, until they answer for that scan", async () => {
    expect((await t.current.services.startChallenge({ place, words: '"Spring" 2026-03-02 4w' })).kind).toBe(
      "started",
    );
    expect((await t.current.services.joinChallenge({ actor: ada, place })).kind).toBe("joined");
    time.set("2026-03-03T09:00:00Z");
    const first = await scan("2026-03-03T07:00");
    expect(await asked(first)).toBe(true);
    await t.current.services.answerConditions({ actor: ada, scanId: first.scanId, answer: "standard" });
    expect(await asked(first)).toBe(false);
    expect(await asked(await scan("2026-03-10T07:00"))).toBe(true);
  });

  it("is not asked after /conditions off, nor once the challenge is over", async () => {
    await t.current.services.setConditions({ actor: ada, stateWord: "off" });
    expect(await asked(await scan("2026-03-12T07:00"))).toBe(false);
    await t.current.services.setConditions({ actor: ada, stateWord: "on" });
    expect(await asked(await scan("2026-03-14T07:00"))).toBe(true);
    await t.current.services.stopChallenge({ place, how: "cancel" });
    expect(await asked(await scan("2026-03-16T07:00"))).toBe(false);
  });
});
