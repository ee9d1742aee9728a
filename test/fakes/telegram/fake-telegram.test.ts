import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { Bot, GrammyError, HttpError, InlineKeyboard, InputFile, webhookCallback } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "./fake-telegram.ts";

// A 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");

let fake: FakeTelegram;
const running: { bot: Bot; done: Promise<void> }[] = [];

beforeEach(async () => {
  fake = new FakeTelegram();
  await fake.start();
});

afterEach(async () => {
  for (const { bot, done } of running.splice(0)) {
    if (bot.isRunning()) await bot.stop();
    await done;
  }
  await fake.stop();
});

function newBot(): Bot {
  return new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
}

/** Starts long polling and resolves once grammY is in its polling loop. */
async function startPolling(bot: Bot): Promise<void> {
  bot.catch((error) => {
    throw error.error;
  });
  await new Promise<void>((resolve, reject) => {
    const done = bot.start({ onStart: () => resolve() });
    done.catch(reject);
    running.push({ bot, done });
  });
}

describe("FakeTelegram with the real grammY client", () => {
  it("delivers a document, serves it through getFile + download, and records the photo the bot replies with", async () => {
    const bot = newBot();
    const downloaded: Buffer[] = [];
    bot.on("message:document", async (ctx) => {
      await ctx.replyWithChatAction("upload_photo");
      const file = await ctx.getFile();
      const response = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
      downloaded.push(Buffer.from(await response.arrayBuffer()));
      await ctx.replyWithPhoto(new InputFile(PNG, "chart.png"), {
        caption: `<b>Got</b> ${ctx.message.document.file_name} &amp; read it`,
        parse_mode: "HTML",
        reply_parameters: { message_id: ctx.message.message_id },
      });
      await ctx.replyWithDocument(new InputFile(Buffer.from("date,kg\n2024-01-01,80\n"), "my scans.csv"));
    });
    await startPolling(bot);

    const user = fake.createUser({ firstName: "Ana" });
    const group = fake.createGroup({ title: "Gym rats", admins: [user] });
    const { message } = fake.sendDocument({
      chat: group,
      from: user,
      fileName: "scan.pdf",
      mimeType: "application/pdf",
      bytes: PDF,
    });

    const photo = await fake.nextMessage({ chat: group });
    expect(photo.method).toBe("sendPhoto");
    expect(photo.photo?.bytes.equals(PNG)).toBe(true);
    expect(photo.photo).toMatchObject({
      fileName: "chart.png",
      mimeType: "image/png",
      width: 1,
      height: 1,
      uploaded: true,
    });
    expect(photo.plainText).toBe("Got scan.pdf & read it");
    expect(photo.replyTo).toBe(message.message_id);
    expect(photo.message?.message_id).toBe(message.message_id + 1);
    const csv = await fake.nextMessage({ chat: group });
    expect(csv.document).toMatchObject({ fileName: "my scans.csv", mimeType: "text/csv" });
    expect(csv.document?.bytes.toString()).toContain("2024-01-01,80");
    expect(downloaded[0]?.equals(PDF)).toBe(true);
    expect(fake.chatActions).toEqual([expect.objectContaining({ chatId: group.id, action: "upload_photo" })]);

    // file_id reuse: the same photo sent again without uploading
    await bot.api.sendPhoto(group.id, photo.photo!.fileId);
    const reused = await fake.nextMessage({ chat: group });
    expect(reused.photo).toMatchObject({ uploaded: false });
    expect(reused.photo?.bytes.equals(PNG)).toBe(true);
  });

  it("routes /cmd and /cmd@botname as commands and records setMyCommands per scope", async () => {
    const bot = newBot();
    bot.command("progress", (ctx) =>
      ctx.reply(`progress for ${ctx.from?.first_name} (${ctx.match || "all"})`),
    );
    await bot.api.setMyCommands([
      { command: "progress", description: "Your history" },
      { command: "help", description: "How it works" },
    ]);
    await bot.api.setMyCommands([{ command: "leaderboard", description: "Group ranking" }], {
      scope: { type: "all_group_chats" },
    });
    await startPolling(bot);

    const user = fake.createUser({ firstName: "Bo" });
    const group = fake.createGroup({ title: "Gym", members: [user] });
    const sent = fake.sendText({ chat: group, from: user, text: "/progress@ronald_pump_bot weight" });
    expect(sent.message.entities).toEqual([{ type: "bot_command", offset: 0, length: 25 }]);
    expect((await fake.nextMessage({ chat: group })).text).toBe("progress for Bo (weight)");
    fake.sendText({ from: user, text: "/progress" });
    expect((await fake.nextMessage({ chatId: user.id })).text).toBe("progress for Bo (all)");

    expect(fake.commands()?.map((c) => c.command)).toEqual(["progress", "help"]);
    expect(fake.commands({ type: "all_group_chats" })).toEqual([
      { command: "leaderboard", description: "Group ranking" },
    ]);
    expect(await bot.api.getMyCommands({ scope: { type: "all_group_chats" } })).toHaveLength(1);
    expect(await bot.api.getMyCommands({ scope: { type: "all_private_chats" } })).toEqual([]);
    await expect(bot.api.setMyCommands([{ command: "Bad-Name", description: "x" }])).rejects.toThrow(
      "BOT_COMMAND_INVALID",
    );
  });

  it("runs a callback query flow: inline keyboard, button press, answer, edit", async () => {
    const bot = newBot();
    bot.command("forget", (ctx) =>
      ctx.reply("Delete all your scans?", { reply_markup: new InlineKeyboard().text("Yes", "forget:yes") }),
    );
    bot.callbackQuery("forget:yes", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Done" });
      await ctx.editMessageText("Your scans are gone.");
    });
    await startPolling(bot);

    const user = fake.createUser();
    fake.sendText({ from: user, text: "/forget" });
    const question = await fake.nextMessage({ chatId: user.id });
    expect(question.replyMarkup).toEqual({
      inline_keyboard: [[{ text: "Yes", callback_data: "forget:yes" }]],
    });

    const { callbackQueryId } = fake.pressButton({
      from: user,
      message: question.message!,
      data: "forget:yes",
    });
    const edit = await fake.nextMessage({ method: "editMessageText" });
    expect(edit).toMatchObject({ messageId: question.messageId, plainText: "Your scans are gone." });
    expect(fake.callbackAnswers).toEqual([expect.objectContaining({ callbackQueryId, text: "Done" })]);
    expect(fake.history(user.id).at(-1)).toMatchObject({ text: "Your scans are gone." });
    expect(fake.history(user.id).at(-1)).not.toHaveProperty("reply_markup");

    await expect(bot.api.answerCallbackQuery(callbackQueryId)).rejects.toThrow("query is too old");
    await expect(
      bot.api.editMessageText(user.id, question.messageId, "Your scans are gone."),
    ).rejects.toThrow("message is not modified");
  });

  it("answers 429 with retry_after, and @grammyjs/auto-retry sends again after it", async () => {
    const bot = newBot();
    bot.api.config.use(autoRetry({ maxRetryAttempts: 2 }));
    const user = fake.createUser();
    fake.privateChat(user);
    fake.failNext("sendMessage", { error_code: 429, retry_after: 1 });

    await bot.api.sendMessage(user.id, "hello");
    const attempts = fake.calls.filter((c) => c.method === "sendMessage");
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(fake.sent).toHaveLength(1);

    // without the plugin the error surfaces with its parameters
    fake.failNext("sendMessage", { error_code: 429, retry_after: 7 });
    const error = await newBot()
      .api.sendMessage(user.id, "x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    });
  });

  it("works under @grammyjs/transformer-throttler, which spaces calls to one chat by a second", async () => {
    const api = newBot().api;
    api.config.use(apiThrottler());
    const group = fake.createGroup({ title: "G" });
    await Promise.all([api.sendChatAction(group.id, "typing"), api.sendMessage(group.id, "one")]);
    const [first, second] = fake.calls.filter((c) => c.params.chat_id === group.id);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
  });

  it("injects 5xx errors, HTML error pages and dropped connections", async () => {
    const api = newBot().api;
    const user = fake.createUser();
    fake.privateChat(user);
    fake.failNext("sendMessage", { error_code: 500 });
    await expect(api.sendMessage(user.id, "x")).rejects.toMatchObject({
      error_code: 500,
      description: "Internal Server Error",
    });
    fake.failNext("*", { error_code: 502, kind: "html" });
    await expect(api.sendMessage(user.id, "x")).rejects.toBeInstanceOf(HttpError);
    fake.failNext("sendMessage", { error_code: 0, kind: "drop" });
    await expect(api.sendMessage(user.id, "x")).rejects.toBeInstanceOf(HttpError);
    await api.sendMessage(user.id, "finally");
    expect(fake.sent.map((s) => s.text)).toEqual(["finally"]);
  });

  it("bot.stop() ends a held long poll and confirms what the bot handled", async () => {
    const bot = newBot();
    const seen: string[] = [];
    bot.on("message:text", (ctx) => {
      seen.push(ctx.message.text);
    });
    await startPolling(bot);
    const user = fake.createUser();
    const { update } = fake.sendText({ from: user, text: "hi" });
    await fake.waitUntilHandled(update);
    expect(seen).toEqual(["hi"]);

    // grammY is now holding a 30 s getUpdates; stop must not wait for it
    await fake.waitUntil(() => fake.longPollHeld);
    const started = Date.now();
    await bot.stop();
    await running.pop()!.done;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.pendingUpdates).toEqual([]);
  });

  it("stop() answers a held getUpdates with an empty list", async () => {
    const poll = fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates?timeout=30`);
    await fake.waitUntil(() => fake.longPollHeld);
    await fake.stop();
    expect(await (await poll).json()).toEqual({ ok: true, result: [] });
  });

  it("terminates an older getUpdates when a second poller appears (409), as Telegram does", async () => {
    const first = fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates?timeout=30`);
    await fake.waitUntil(() => fake.longPollHeld);
    const second = fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates?timeout=0`);
    expect((await first).status).toBe(409);
    expect(await (await second).json()).toEqual({ ok: true, result: [] });
  });

  it("redelivers an update with the same update_id (deliverTwice)", async () => {
    const bot = newBot();
    const ids: number[] = [];
    bot.on("message", (ctx) => {
      ids.push(ctx.update.update_id);
    });
    await startPolling(bot);
    const { update } = fake.sendText({ from: fake.createUser(), text: "once" });
    await fake.waitUntilHandled(update);
    fake.deliverTwice(update);
    await fake.waitUntilHandled(update);
    expect(ids).toEqual([update.update_id, update.update_id]);
  });

  it("surfaces Telegram's validation errors as GrammyError with the right description", async () => {
    const api = newBot().api;
    const user = fake.createUser();
    const chat = fake.privateChat(user);
    const stranger = fake.createUser({ startedBot: false });
    const expectError = async (call: Promise<unknown>, code: number, description: string) => {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GrammyError);
      expect(error).toMatchObject({ error_code: code });
      expect((error as GrammyError).description).toContain(description);
    };
    await expectError(api.sendMessage(chat.id, ""), 400, "Bad Request: message text is empty");
    await expectError(api.sendMessage(chat.id, "x".repeat(4097)), 400, "Bad Request: message is too long");
    await api.sendMessage(chat.id, `<b>${"x".repeat(4096)}</b>`, { parse_mode: "HTML" }); // length counts after parsing
    await expectError(
      api.sendPhoto(chat.id, new InputFile(PNG), { caption: "c".repeat(1025) }),
      400,
      "Bad Request: message caption is too long",
    );
    await expectError(api.sendPhoto(chat.id, new InputFile(PDF, "scan.pdf")), 400, "IMAGE_PROCESS_FAILED");
    await expectError(
      api.sendMessage(chat.id, "<b>open", { parse_mode: "HTML" }),
      400,
      "can't parse entities",
    );
    await expectError(api.sendMessage(chat.id, "<b>x</i>", { parse_mode: "HTML" }), 400, "Unmatched end tag");
    await expectError(
      api.sendMessage(chat.id, "1 < 2", { parse_mode: "HTML" }),
      400,
      "Unsupported start tag",
    );
    await expectError(api.sendMessage(chat.id, "A & B", { parse_mode: "HTML" }), 400, "can't parse entities");
    await expectError(
      api.sendMessage(chat.id, "80.5 kg", { parse_mode: "MarkdownV2" }),
      400,
      "Character '.' is reserved",
    );
    await api.sendMessage(chat.id, "*80\\.5 kg*", { parse_mode: "MarkdownV2" });
    await expectError(
      api.sendMessage(chat.id, "re", { reply_parameters: { message_id: 999 } }),
      400,
      "Bad Request: message to be replied not found",
    );
    const without = await api.sendMessage(chat.id, "re", {
      reply_parameters: { message_id: 999, allow_sending_without_reply: true },
    });
    expect(without.reply_to_message).toBeUndefined();
    await expectError(
      api.sendMessage(stranger.id, "hi"),
      403,
      "Forbidden: bot can't initiate conversation with a user",
    );
    fake.setUserFlags(user, { blockedBot: true });
    await expectError(api.sendMessage(chat.id, "hi"), 403, "Forbidden: bot was blocked by the user");
    await expectError(api.sendMessage(-1, "hi"), 400, "Bad Request: chat not found");
    await expectError(
      api.sendMessage(stranger.id, "x", {
        reply_markup: { inline_keyboard: [[{ text: "a", callback_data: "x".repeat(65) }]] },
      }),
      400,
      "BUTTON_DATA_INVALID",
    );
    await expectError(
      new Bot("1:wrong", { client: { apiRoot: fake.apiRoot } }).api.getMe(),
      401,
      "Unauthorized",
    );
  });

  it("refuses getFile over 20 MB, unknown methods with 404, and takes urlencoded and browser multipart bodies", async () => {
    const api = newBot().api;
    const user = fake.createUser();
    const { file } = fake.sendDocument({
      from: user,
      fileName: "huge.pdf",
      mimeType: "application/pdf",
      bytes: PDF,
      fileSize: 21 * 1024 * 1024,
    });
    await expect(api.getFile(file.fileId)).rejects.toMatchObject({
      description: "Bad Request: file is too big",
    });

    const base = `${fake.apiRoot}/bot${fake.token}`;
    const unknown = await fetch(`${base}/doesNotExist`, { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });

    const form = await fetch(`${base}/sendMessage`, {
      method: "POST",
      body: new URLSearchParams({
        chat_id: String(user.id),
        text: "urlencoded",
        reply_markup: '{"inline_keyboard":[[{"text":"a","callback_data":"b"}]]}',
      }),
    });
    expect(((await form.json()) as { result: { text: string } }).result.text).toBe("urlencoded");
    const data = new FormData();
    data.set("chat_id", String(user.id));
    data.set("document", new Blob([PDF], { type: "application/pdf" }), "quoted name.pdf");
    const upload = await fetch(`${base}/sendDocument`, { method: "POST", body: data });
    expect(upload.status).toBe(200);
    expect(fake.sent.at(-1)?.document).toMatchObject({
      fileName: "quoted name.pdf",
      mimeType: "application/pdf",
    });
    expect(fake.sent.at(-1)?.document?.bytes.equals(PDF)).toBe(true);
  });

  it("hides group chatter from the bot in privacy mode unless it is admin", async () => {
    fake.setPrivacyMode(true);
    const user = fake.createUser();
    const group = fake.createGroup({ title: "G", members: [user] });
    const doc = { chat: group, from: user, fileName: "s.pdf", mimeType: "application/pdf", bytes: PDF };
    expect(fake.sendDocument(doc).delivered).toBe(false);
    expect(fake.sendText({ chat: group, from: user, text: "/help" }).delivered).toBe(true);
    expect(fake.sendText({ chat: group, from: user, text: "/help@other_bot" }).delivered).toBe(false);
    fake.setBotStatus(group, "administrator");
    expect(fake.sendDocument(doc).delivered).toBe(true);
    expect((await newBot().api.getMe()).can_read_all_group_messages).toBe(false);
  });

  describe("webhook mode", () => {
    let server: Server | undefined;
    afterEach(async () => {
      await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    });

    it("POSTs updates with the secret token header and refuses getUpdates meanwhile", async () => {
      const bot = new Bot(fake.token, { botInfo: fake.bot, client: { apiRoot: fake.apiRoot } });
      bot.on("message:text", (ctx) => ctx.reply(`echo ${ctx.message.text}`));
      server = createServer(webhookCallback(bot, "http", { secretToken: "s3cret" }));
      await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
      const port = (server.address() as AddressInfo).port;
      await bot.api.setWebhook(`http://127.0.0.1:${port}/hook`, { secret_token: "s3cret" });
      await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 });

      const user = fake.createUser();
      const { update } = fake.sendText({ from: user, text: "ping" });
      expect((await fake.nextMessage({ chatId: user.id })).text).toBe("echo ping");
      await fake.waitUntilHandled(update);
      expect(fake.webhookDeliveries).toEqual([
        expect.objectContaining({ updateId: update.update_id, status: 200 }),
      ]);

      await bot.api.setWebhook(`http://127.0.0.1:${port}/hook`, { secret_token: "wrong" });
      const second = fake.sendText({ from: user, text: "again" });
      await fake.waitUntil(() => fake.webhookDeliveries.some((d) => d.status === 401) || undefined);
      expect((await bot.api.getWebhookInfo()).last_error_message).toContain("401");
      await bot.api.setWebhook(`http://127.0.0.1:${port}/hook`, { secret_token: "s3cret" });
      await fake.waitUntilHandled(second.update);
      expect((await fake.nextMessage({ chatId: user.id })).text).toBe("echo again");
      await bot.api.deleteWebhook();
    });
  });
});
