// A phone photo of a printed sheet, end to end with the real reader: the bot (real cage, real OCR) shows in
// private what it read with Save and Fix, the group hears only where it went, a typed correction is taken,
// and after Save the scan counts — read from a photo — in /progress and on the board.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { InlineKeyboardMarkup, User } from "grammy/types";
import { describe, expect, it } from "vitest";
import type { ScanRecord } from "../../../src/domain/scan-record.ts";
import type { SentRecord } from "../../fakes/telegram/state.ts";
import { SCANS_DIR } from "../../fixtures/generate.ts";
import { deskPhoto, sheetImage } from "../../fixtures/sheet-images.ts";
import { useTelegramWorld } from "./harness.ts";

const world = useTelegramWorld();
const OCR_TIMEOUT = 240_000;
const SHEET = "metric-times-male";

function buttonsOf(record: SentRecord): { text: string; callback_data: string }[] {
  const markup = record.replyMarkup as InlineKeyboardMarkup | undefined;
  return (markup?.inline_keyboard.flat() ?? []) as { text: string; callback_data: string }[];
}

async function press(from: User, message: SentRecord, label: string): Promise<SentRecord[]> {
  const button = buttonsOf(message).find((b) => b.text.includes(label));
  if (!button) throw new Error(`no ${label} button under message ${message.messageId}`);
  const before = world.tg.sent.length;
  const pressed = world.tg.pressButton({ from, message: message.message!, data: button.callback_data });
  await world.tg.waitUntilHandled(pressed.update, OCR_TIMEOUT);
  return world.tg.sent.slice(before);
}

describe("a phone photo of a printed sheet in a group, read by the real OCR", () => {
  it("is shown privately with Save and Fix, corrected, saved, and then counts like a PDF scan", async () => {
    const { tg, sql } = world;
    const expected = JSON.parse(
      readFileSync(join(SCANS_DIR, `${SHEET}.expected.json`), "utf8"),
    ) as ScanRecord;
    const group = tg.createGroup({ title: "Photo Gym" });
    const leo = tg.createUser({ firstName: "Leo" });
    const photo = await sheetImage(
      new Uint8Array(readFileSync(join(SCANS_DIR, `${SHEET}.pdf`))),
      deskPhoto(),
    );

    const before = tg.sent.length;
    const sent = tg.sendPhoto({ chat: group, from: leo, bytes: photo });
    await tg.waitUntilHandled(sent.update, OCR_TIMEOUT);
    const answers = tg.sent.slice(before);
    const inGroup = answers.filter((s) => s.chatId === group.id);
    const read = answers.find((s) => s.chatId === leo.id);
    expect(inGroup.map((s) => s.plainText)).toEqual([expect.stringContaining("privately")]);
    expect(inGroup[0]!.plainText).not.toMatch(/\d+\.\d\s?(kg|%)/);
    expect(read?.plainText).toContain("Here is what I read from your photo");
    expect(buttonsOf(read!).map((b) => b.text)).toEqual([
      expect.stringContaining("Save"),
      expect.stringContaining("Fix"),
    ]);
    // nothing is recorded before Save
    const [none] = await sql<{ n: number }[]>`select count(*)::int as n from bronze.scan_reports`;
    expect(none!.n).toBe(0);

    const fix = await press(leo, read!, "Fix");
    expect(fix.at(-1)?.plainText).toMatch(/Type what to change/);
    const typedWeight = expected.metrics.weight_kg!;
    const beforeTyping = tg.sent.length;
    const typed = tg.sendText({ from: leo, text: `weight ${typedWeight}` });
    await tg.waitUntilHandled(typed.update);
    const corrected = tg.sent.slice(beforeTyping).find((s) => buttonsOf(s).length > 0);
    expect(corrected?.plainText).toContain("Updated");
    expect(corrected?.plainText).toContain(`weight: ${typedWeight.toFixed(1)} kg (typed by you)`);

    const saved = await press(leo, corrected!, "Save");
    expect(saved.some((s) => s.chatId === leo.id && /Your first scan is in/.test(s.plainText ?? ""))).toBe(
      true,
    );
    const [scan] = await sql<{ source: string; weight: number; scannedAt: string }[]>`
      select source, weight_kg as weight, scanned_at::text as "scannedAt" from silver.scans`;
    expect(scan).toMatchObject({ source: "image", weight: typedWeight });
    // every value the photo gave is the sheet's own (or was left unread): never another number
    const [stored] = await sql<{ record: ScanRecord }[]>`select payload as record from bronze.scan_reports`;
    for (const [key, value] of Object.entries(stored!.record.metrics))
      if (value !== null) expect(value, key).toBe(expected.metrics[key as keyof typeof expected.metrics]);

    const beforeProgress = tg.sent.length;
    const asked = tg.sendText({ from: leo, text: "/progress" });
    await tg.waitUntilHandled(asked.update);
    expect(
      tg.sent
        .slice(beforeProgress)
        .map((s) => s.plainText ?? "")
        .join("\n"),
    ).toContain("1 scan");
  }, 600_000);
});
