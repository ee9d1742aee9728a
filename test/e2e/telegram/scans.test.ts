// Sending a scan PDF: the group gets relative changes, the member gets exact numbers and the chart privately.
import { describe, expect, it } from "vitest";
import { garbagePdf, imageOnlyPdf, invoicePdf, notAPdf } from "../../fixtures/other-documents.ts";
import { PDF, person, scanPdf, scanSeries, useTelegramWorld } from "./harness.ts";

const world = useTelegramWorld();
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
/** an exact body value as a reply would print it, e.g. "84.0 kg" or "22.0%" */
const EXACT_VALUE = /(?<![−+±\d.])\d+\.\d\s?(kg|lb|%)/;

describe("a scan PDF in a group", () => {
  it("replies in the group with relative words only and sends the exact numbers and chart privately", async () => {
    const { tg } = world;
    const ana = tg.createUser({ firstName: "Ana" });
    const group = tg.createGroup({ title: "Gym rats", members: [ana] });
    const [first, second] = await scanSeries(
      person("ANA LOPEZ", { sex: "female", weightKg: 68, bodyFatPct: 30 }),
      [{ fat: -2, lean: 0.5 }],
    );

    const sent = tg.sendDocument({
      chat: group,
      from: ana,
      fileName: "Evolt scan.pdf",
      mimeType: PDF,
      bytes: first!,
    });
    const dm = await tg.nextMessage({ chat: tg.privateChat(ana) });
    const reply = await tg.nextMessage({ chat: group });
    await tg.waitUntilHandled(sent.update);

    expect(tg.chatActions.some((a) => a.chatId === group.id && a.action === "typing")).toBe(true);
    expect(reply.replyTo).toBe(sent.message.message_id);
    expect(reply.plainText).toContain("Ana logged a first scan");
    expect(reply.plainText).toContain("in our private chat");
    expect(reply.plainText).not.toMatch(EXACT_VALUE);
    // privately: the chart and the exact starting values
    expect(dm.method).toBe("sendPhoto");
    expect(dm.photo!.bytes.subarray(0, 4).equals(PNG_SIGNATURE)).toBe(true);
    expect(dm.plainText).toContain("Your first scan is in");
    expect(dm.plainText).toContain("weight: 68.0 kg");

    // the second scan: what changed, in words that respect the noise, still relative in the group
    const next = tg.sendDocument({
      chat: group,
      from: ana,
      fileName: "scan2.pdf",
      mimeType: PDF,
      bytes: second!,
    });
    const dm2 = await tg.nextMessage({ chat: tg.privateChat(ana) });
    const reply2 = await tg.nextMessage({ chat: group });
    await tg.waitUntilHandled(next.update);
    expect(reply2.plainText).toContain("Ana has a new scan (#2)");
    expect(reply2.plainText).toMatch(/Fat mass −\d+\.\d% — (a real change|probably real)/i);
    expect(reply2.plainText).not.toMatch(EXACT_VALUE);
    expect(reply2.plainText).not.toMatch(/\d\s?kg/);
    const details = dm2.plainText!;
    expect(details).toContain("Since your last scan");
    expect(details).toMatch(/Fat mass −2\.0 kg/i);
    expect(details).toMatch(/where the weight change came from: fat −2\.0 kg, lean \+0\.5 kg/);
    expect(
      dm2.photo ?? tg.sent.find((s) => s.chatId === ana.id && s.method === "sendPhoto" && s.seq > dm2.seq),
    ).toBeTruthy();
  });

  it("tells a member who never started the bot how to get their numbers, without posting them", async () => {
    const { tg } = world;
    const ben = tg.createUser({ firstName: "Ben", startedBot: false });
    const group = tg.createGroup({ title: "Lifters", members: [ben] });
    const sent = tg.sendDocument({
      chat: group,
      from: ben,
      fileName: "ben.pdf",
      mimeType: PDF,
      bytes: await scanPdf(person("BEN STONE")),
    });
    const reply = await tg.nextMessage({ chat: group });
    await tg.waitUntilHandled(sent.update);
    expect(reply.plainText).toContain("Ben logged a first scan");
    expect(reply.plainText).toContain("open a private chat with @ronald_pump_bot and press Start");
    expect(reply.plainText).not.toMatch(EXACT_VALUE);
    expect(tg.sent.filter((s) => s.chatId === ben.id)).toHaveLength(0);
  });

  it("stays quiet about an unrelated PDF or a non-PDF file, unless the bot is addressed", async () => {
    const { tg } = world;
    const cara = tg.createUser({ firstName: "Cara" });
    const group = tg.createGroup({ title: "Quiet gym", members: [cara] });
    const invoice = await invoicePdf();
    const quiet = [
      tg.sendDocument({ chat: group, from: cara, fileName: "invoice.pdf", mimeType: PDF, bytes: invoice }),
      tg.sendDocument({
        chat: group,
        from: cara,
        fileName: "plan.docx",
        mimeType: "application/msword",
        bytes: notAPdf(),
      }),
    ];
    for (const q of quiet) await tg.waitUntilHandled(q.update);
    expect(tg.sent.filter((s) => s.chatId === group.id)).toHaveLength(0);

    const asked = tg.sendDocument({
      chat: group,
      from: cara,
      fileName: "invoice.pdf",
      mimeType: PDF,
      bytes: invoice,
      caption: "@ronald_pump_bot is this my scan?",
    });
    const reply = await tg.nextMessage({ chat: group });
    await tg.waitUntilHandled(asked.update);
    expect(reply.plainText).toContain("doesn't look like an Evolt 360 body scan");
    expect(reply.plainText).toContain("Nothing was added to your history");
  });

  it("answers a broken scan PDF in the group, since the person clearly meant a scan", async () => {
    const { tg } = world;
    const dan = tg.createUser({ firstName: "Dan" });
    const group = tg.createGroup({ title: "Broken files", members: [dan] });
    const sent = tg.sendDocument({
      chat: group,
      from: dan,
      fileName: "scan.pdf",
      mimeType: PDF,
      bytes: garbagePdf(),
    });
    const reply = await tg.nextMessage({ chat: group });
    await tg.waitUntilHandled(sent.update);
    expect(reply.replyTo).toBe(sent.message.message_id);
    expect(reply.plainText).toMatch(/damaged/);
  });
});

describe("a scan PDF posted anonymously", () => {
  it("asks an anonymous group admin to post as themselves, and files nothing", async () => {
    const { tg, sql } = world;
    const admin = tg.createUser({ firstName: "Zoe" });
    const group = tg.createGroup({ title: "Anon Gym", admins: [admin] });
    // how Telegram shows a message from an anonymous admin: from = GroupAnonymousBot, sender_chat = the group
    const anonymous = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
    const sent = tg.sendDocument({
      chat: group,
      from: anonymous,
      fileName: "scan.pdf",
      mimeType: PDF,
      bytes: await scanPdf(person("ZOE TEST")),
    });
    await tg.waitUntilHandled(sent.update);
    const reply = tg.sent.find((r) => r.chatId === group.id && r.replyTo === sent.message.message_id)!;
    expect(reply.plainText).toMatch(/send it as yourself/);
    const reports =
      await sql`select 1 from bronze.scan_reports r join app.identities i on i.member_id = r.member_id
                               where i.platform_user_id = '1087968824'`;
    expect(reports).toHaveLength(0);
  });
});

describe("a scan PDF in a private chat", () => {
  it("replies to the message with the explanation and the chart", async () => {
    const { tg } = world;
    const eva = tg.createUser({ firstName: "Eva" });
    const bytes = await scanPdf(person("EVA MARSH", { sex: "female", weightKg: 61.5, bodyFatPct: 27 }));
    const sent = tg.sendDocument({ from: eva, fileName: "scan.pdf", mimeType: PDF, bytes });
    const reply = await tg.nextMessage({ chat: tg.privateChat(eva) });
    await tg.waitUntilHandled(sent.update);
    expect(reply.method).toBe("sendPhoto");
    expect(reply.replyTo).toBe(sent.message.message_id);
    expect(reply.photo!.bytes.subarray(0, 4).equals(PNG_SIGNATURE)).toBe(true);
    expect(reply.plainText).toContain("weight: 61.5 kg");

    // the same file again: a friendly duplicate, nothing new
    const again = tg.sendDocument({ from: eva, fileName: "scan (1).pdf", mimeType: PDF, bytes });
    const duplicate = await tg.nextMessage({ chat: tg.privateChat(eva) });
    await tg.waitUntilHandled(again.update);
    expect(duplicate.plainText).toMatch(/I already have this file/);
    const progress = await world.services.progress({
      actor: { platform: "telegram", userId: String(eva.id), displayName: "Eva" },
    });
    expect(progress.kind === "ok" && progress.view.totalScans).toBe(1);
  });

  it("asks for the PDF when given another file, a photo, a scan without text or a file over 20 MB", async () => {
    const { tg } = world;
    const fay = tg.createUser({ firstName: "Fay" });
    const chat = tg.privateChat(fay);
    const cases: [() => ReturnType<typeof tg.sendDocument>, RegExp][] = [
      [
        () => tg.sendDocument({ from: fay, fileName: "scan.jpg", mimeType: "image/jpeg", bytes: notAPdf() }),
        /isn't a PDF/,
      ],
      // a photo is read now (photo-reads.test.ts); one with no sheet on it is answered, and nothing is kept
      [
        () => tg.sendPhoto({ from: fay, bytes: notAPdf() }),
        /couldn't find an Evolt 360 sheet in this picture|isn't a PDF/,
      ],
      [
        async () =>
          tg.sendDocument({
            from: fay,
            fileName: "photo-scan.pdf",
            mimeType: PDF,
            bytes: await imageOnlyPdf(),
          }),
        /photo or scan of the sheet/,
      ],
      [
        () =>
          tg.sendDocument({
            from: fay,
            fileName: "huge.pdf",
            mimeType: PDF,
            bytes: notAPdf(),
            fileSize: 25 * 1024 * 1024,
          }),
        /too big/,
      ],
    ] as never;
    for (const [send, expected] of cases) {
      const sent = await send();
      const reply = await tg.nextMessage({ chat });
      await tg.waitUntilHandled(sent.update);
      expect(reply.plainText).toMatch(expected);
    }
    const progress = await world.services.progress({
      actor: { platform: "telegram", userId: String(fay.id), displayName: "Fay" },
    });
    expect(progress.kind).toBe("no_scans");
  });

  it("asks privately with buttons when the name on the sheet is not the member's, and only they can answer", async () => {
    const { tg } = world;
    const gus = tg.createUser({ firstName: "Gus" });
    const nosy = tg.createUser({ firstName: "Nosy" });
    const group = tg.createGroup({ title: "Names", members: [gus, nosy] });
    const own = tg.sendDocument({
      from: gus,
      fileName: "a.pdf",
      mimeType: PDF,
      bytes: await scanPdf(person("GUS HALE")),
    });
    await tg.nextMessage({ chat: tg.privateChat(gus) });
    await tg.waitUntilHandled(own.update);

    const other = person("MARK OTHER", { scannedAt: "2026-04-01T08:00", weightKg: 95, bodyFatPct: 25 });
    const sent = tg.sendDocument({
      chat: group,
      from: gus,
      fileName: "b.pdf",
      mimeType: PDF,
      bytes: await scanPdf(other),
    });
    // asked privately (Gus has started the bot): the printed name is not shown to the group
    const question = await tg.waitFor(
      (s) => s.chatId === gus.id && (s.plainText ?? "").includes("Is this scan yours?"),
    );
    await tg.waitUntilHandled(sent.update);
    expect(question.plainText).toContain("printed for MARK OTHER");
    const buttons = (
      question.replyMarkup as { inline_keyboard: { callback_data: string }[][] }
    ).inline_keyboard.flat();
    const no = buttons.find((b) => b.callback_data.endsWith(":n"))!;
    expect(Buffer.byteLength(no.callback_data)).toBeLessThan(64);

    const press = tg.pressButton({ from: nosy, message: question.message!, data: no.callback_data });
    await tg.waitUntilHandled(press.update);
    expect(tg.callbackAnswers.find((a) => a.callbackQueryId === press.callbackQueryId)).toMatchObject({
      showAlert: true,
    });

    const pressed = tg.pressButton({ from: gus, message: question.message!, data: no.callback_data });
    await tg.waitUntilHandled(pressed.update);
    expect(tg.sent.some((s) => s.chatId === group.id && (s.plainText ?? "").includes("MARK OTHER"))).toBe(
      false,
    );
    const edited = tg.history(tg.privateChat(gus)).find((msg) => msg.message_id === question.messageId)!;
    expect(edited.text).toContain("Removed");
    const progress = await world.services.progress({
      actor: { platform: "telegram", userId: String(gus.id), displayName: "Gus" },
    });
    expect(progress.kind === "ok" && progress.view.totalScans).toBe(1);
  });
});

describe("delivery", () => {
  it("handles the same update delivered twice once", async () => {
    const { tg } = world;
    const hal = tg.createUser({ firstName: "Hal" });
    const sent = tg.sendText({ from: hal, text: "/help" });
    await tg.waitUntilHandled(sent.update);
    tg.deliverTwice(sent.update);
    await tg.waitUntilHandled(sent.update);
    expect(tg.sent.filter((s) => s.chatId === hal.id)).toHaveLength(1);
  });

  it("still delivers the reply when Telegram says 'too many requests' (auto-retry)", async () => {
    const { tg } = world;
    const ivy = tg.createUser({ firstName: "Ivy" });
    tg.failNext("sendMessage", { error_code: 429, retry_after: 1 });
    const sent = tg.sendText({ from: ivy, text: "/units lb" });
    const reply = await tg.nextMessage({ chat: tg.privateChat(ivy) });
    await tg.waitUntilHandled(sent.update);
    expect(reply.plainText).toContain("masses in lb");
    expect(
      tg.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === ivy.id).map((c) => c.status),
    ).toEqual([429, 200]);
  });

  it("apologises briefly when something breaks, without a stack trace", async () => {
    const { tg } = world;
    const jo = tg.createUser({ firstName: "Jo" });
    tg.failNext("getFile", {
      error_code: 400,
      description: "Bad Request: wrong file_id or the file is temporarily unavailable",
    });
    const sent = tg.sendDocument({ from: jo, fileName: "scan.pdf", mimeType: PDF, bytes: garbagePdf() });
    const reply = await tg.nextMessage({ chat: tg.privateChat(jo) });
    await tg.waitUntilHandled(sent.update);
    expect(reply.plainText).toMatch(/^😓 Sorry, something went wrong/);
    expect(reply.plainText).not.toMatch(/Error|at |getFile/);
  });
});
