import { describe, expect, it } from "vitest";
import { useTestCore } from "../support/core.ts";
import { makeRecord, recordBytes } from "../support/records.ts";

describe("a Telegram group upgraded to a supergroup", () => {
  const t = useTestCore();

  it("keeps its settings, members and leaderboard under the new chat id", async () => {
    const s = t.current.services;
    const oldPlace = { kind: "group", platform: "telegram", chatId: "-100", title: "Crew" } as const;
    const newPlace = { kind: "group", platform: "telegram", chatId: "-1001234", title: "Crew" } as const;
    const ana = { platform: "telegram", userId: "701", displayName: "Ana" };
    for (const [i, fatPct] of [24, 21].entries()) {
      const record = makeRecord({ scannedAt: `2026-0${i + 3}-05T08:00`, weightKg: 70, fatPct, name: "ANA" });
      await s.ingestScan({
        actor: ana,
        place: oldPlace,
        bytes: recordBytes(record),
        fileName: null,
        mimeType: null,
        messageId: String(i),
      });
    }
    await s.changeGroupSetting({ place: oldPlace, key: "metric", value: "fat" });

    await s.groupChatMoved({ platform: "telegram", fromChatId: "-100", toChatId: "-1001234" });

    const board = await s.leaderboard({ place: newPlace });
    if (board.kind !== "ok") throw new Error(`expected a board, got ${board.kind}`);
    expect(board.view.metric).toBe("fat_loss_pct");
    expect(board.view.rows.map((r) => r.name)).toEqual(["Ana"]);
    const groups = await t.current.sql`select platform_chat_id from app.groups order by id`;
    expect(groups.map((g) => g.platform_chat_id)).toEqual(["-1001234"]);
  });
});
