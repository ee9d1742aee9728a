import { randomBytes, randomInt } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotCommand, Chat, Message, MessageEntity, Update, User, UserFromGetMe } from "grammy/types";
import { BotApi, commandsKeyFor } from "./bot-api.ts";
import { TelegramApiError } from "./errors.ts";
import { parseRequest, readBody } from "./http.ts";
import type { MultipartFile } from "./multipart.ts";
import {
  type ApiCall,
  type CallbackAnswer,
  type ChatActionRecord,
  type ChatRecord,
  type Fault,
  type MemberStatus,
  type SentRecord,
  type StoredFile,
  TelegramState,
  type WebhookConfig,
  type WebhookDelivery,
} from "./state.ts";
import { WebhookDelivery as WebhookLoop } from "./webhook.ts";

export type {
  ApiCall,
  CallbackAnswer,
  ChatActionRecord,
  Fault,
  MemberStatus,
  SentFile,
  SentRecord,
  StoredFile,
  WebhookConfig,
  WebhookDelivery,
} from "./state.ts";

export interface FakeTelegramOptions {
  /** Defaults to a random `<botId>:<secret>` token. */
  token?: string;
  botUsername?: string;
  botName?: string;
  /** Privacy mode on: in groups where the bot isn't admin it only sees commands, replies to it and mentions. */
  privacyMode?: boolean;
  /** Wait between webhook delivery retries (Telegram waits much longer). */
  webhookRetryDelayMs?: number;
  /** Default timeout of waitFor / nextMessage / waitUntil. */
  defaultTimeoutMs?: number;
}

export interface CreateUserOptions {
  firstName?: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  /** false: never pressed Start, so the bot gets 403 writing to them privately. Default true. */
  startedBot?: boolean;
  isBot?: boolean;
}

export interface CreateGroupOptions {
  title: string;
  type?: "group" | "supergroup";
  username?: string;
  creator?: User;
  admins?: User[];
  members?: User[];
  /** The bot's own status; "administrator" lets it see every message even with privacy mode on. */
  botStatus?: MemberStatus;
  /** a forum supergroup (topics); add topics with createTopic */
  forum?: boolean;
}

/** What a simulated user action produced. `delivered` is false when privacy mode hid it from the bot. */
export interface Incoming {
  update: Update;
  message: Message;
  delivered: boolean;
}

export interface MessageFilter {
  chatId?: number;
  chat?: Chat;
  /** Defaults to any send method (sendMessage, sendPhoto, sendDocument). */
  method?: string | string[];
  timeoutMs?: number;
}

const SEND_METHODS = ["sendMessage", "sendPhoto", "sendDocument"];

/**
 * A stand-in Telegram Bot API server over real HTTP, for end-to-end tests with the real grammY client:
 * `new Bot(fake.token, { client: { apiRoot: fake.apiRoot } })`.
 */
export class FakeTelegram {
  readonly token: string;
  readonly bot: UserFromGetMe;
  private readonly state: TelegramState;
  private readonly api: BotApi;
  private readonly webhookLoop: WebhookLoop;
  private readonly defaultTimeoutMs: number;
  private readonly consumed = new Set<number>();
  private readonly cancelWaiters = new Set<(reason: Error) => void>();
  private server: Server | undefined;
  private root: string | undefined;

  constructor(options: FakeTelegramOptions = {}) {
    const botId = options.token ? Number(options.token.split(":")[0]) || 7_000_000_001 : randomInt(7e9, 8e9);
    this.token = options.token ?? `${botId}:AA${randomBytes(24).toString("base64url")}`;
    const privacyMode = options.privacyMode ?? false;
    this.bot = {
      id: botId,
      is_bot: true,
      first_name: options.botName ?? "Ronald Pump",
      username: options.botUsername ?? "ronald_pump_bot",
      can_join_groups: true,
      can_read_all_group_messages: !privacyMode,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    } as UserFromGetMe;
    this.state = new TelegramState(this.token, this.bot);
    this.state.privacyMode = privacyMode;
    this.state.events.setMaxListeners(0);
    this.api = new BotApi(this.state, () => this.webhookLoop.refresh());
    this.webhookLoop = new WebhookLoop(
      this.state,
      async (method, params) => {
        await this.execute(method, params, {}, new AbortController().signal);
      },
      options.webhookRetryDelayMs ?? 50,
    );
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 5_000;
  }

  // --- lifecycle ---------------------------------------------------------------------------------------------

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent)
          sendJson(response, 500, { ok: false, error_code: 500, description: String(error) });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Ends held getUpdates requests with an empty result, stops webhook delivery, closes every connection. */
  async stop(): Promise<void> {
    this.api.endPendingPolls();
    this.webhookLoop.stop();
    for (const cancel of [...this.cancelWaiters]) cancel(new Error("FakeTelegram stopped"));
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Let the answers to the ended long polls reach the socket before cutting keep-alive connections.
    await new Promise<void>((resolve) => setImmediate(resolve));
    server.closeAllConnections();
    await closed;
  }

  /** Base URL for grammY's `client.apiRoot` and for TELEGRAM_API_ROOT (no trailing slash). */
  get apiRoot(): string {
    if (!this.root) throw new Error("FakeTelegram is not started");
    return this.root;
  }

  /** Privacy mode can be switched while running (BotFather's /setprivacy). */
  setPrivacyMode(on: boolean): void {
    this.state.privacyMode = on;
    (this.bot as { can_read_all_group_messages: boolean }).can_read_all_group_messages = !on;
  }

  // --- users and chats ---------------------------------------------------------------------------------------

  createUser(options: CreateUserOptions = {}): User {
    const id = this.state.newUserId();
    const user: User = {
      id,
      is_bot: options.isBot ?? false,
      first_name: options.firstName ?? `User${id}`,
      ...(options.lastName ? { last_name: options.lastName } : {}),
      ...(options.username ? { username: options.username } : {}),
      language_code: options.languageCode ?? "en",
    };
    this.state.users.set(id, { user, startedBot: options.startedBot ?? true, blockedBot: false });
    return user;
  }

  /** startedBot false → 403 "bot can't initiate conversation"; blockedBot true → 403 "bot was blocked by the user". */
  setUserFlags(user: User, flags: { startedBot?: boolean; blockedBot?: boolean }): void {
    const record = this.userRecord(user);
    if (flags.startedBot !== undefined) record.startedBot = flags.startedBot;
    if (flags.blockedBot !== undefined) record.blockedBot = flags.blockedBot;
  }

  /** The private chat between a user and the bot (its id is the user's id). */
  privateChat(user: User): Chat.PrivateChat {
    return this.privateChatRecord(user).chat as Chat.PrivateChat;
  }

  createGroup(options: CreateGroupOptions): Chat.GroupChat | Chat.SupergroupChat {
    const supergroup = (options.type ?? "supergroup") === "supergroup";
    const id = this.state.newGroupId(supergroup);
    const chat = supergroup
      ? {
          id,
          type: "supergroup" as const,
          title: options.title,
          ...(options.username ? { username: options.username } : {}),
          ...(options.forum ? { is_forum: true as const } : {}),
        }
      : { id, type: "group" as const, title: options.title };
    const members = new Map<number, MemberStatus>();
    for (const user of options.members ?? []) members.set(this.userRecord(user).user.id, "member");
    for (const user of options.admins ?? []) members.set(this.userRecord(user).user.id, "administrator");
    if (options.creator) members.set(this.userRecord(options.creator).user.id, "creator");
    this.state.chats.set(id, {
      chat,
      members,
      botStatus: options.botStatus ?? "member",
      lastMessageId: 0,
      messages: new Map(),
      ...(options.forum ? { topics: new Map<number, string>() } : {}),
    });
    return chat;
  }

  /** A topic in a forum supergroup; its id is the message_thread_id of everything posted in it. */
  createTopic(chat: Chat, name: string): { id: number; name: string } {
    const record = this.chatRecord(chat);
    if (!record.topics)
      throw new Error(`createTopic: chat ${chat.id} is not a forum (createGroup({ forum: true }))`);
    const id = this.state.nextMessageId(record);
    const created = {
      message_id: id,
      message_thread_id: id,
      is_topic_message: true,
      chat: record.chat,
      date: this.state.now(),
      forum_topic_created: { name, icon_color: 7322096 },
    } as unknown as Message;
    record.messages.set(id, created);
    record.topics.set(id, name);
    return { id, name };
  }

  /** Deletes a topic: sends into it fail with "message thread not found". */
  deleteTopic(chat: Chat, topicId: number): void {
    this.chatRecord(chat).topics?.delete(topicId);
  }

  setMemberStatus(chat: Chat, user: User, status: MemberStatus): void {
    this.chatRecord(chat).members.set(this.userRecord(user).user.id, status);
  }

  /** "left"/"kicked" make sends fail with 403 like Telegram; "administrator" bypasses privacy mode. */
  setBotStatus(chat: Chat, status: MemberStatus): void {
    this.chatRecord(chat).botStatus = status;
  }

  /** Every message stored in a chat (users' and the bot's, after edits and deletions), oldest first. */
  history(chat: Chat | number): Message[] {
    return [...this.chatRecord(chat).messages.values()].sort((a, b) => a.message_id - b.message_id);
  }

  // --- simulated incoming updates ------------------------------------------------------------------------------

  sendText(input: {
    chat?: Chat;
    from: User;
    text: string;
    replyTo?: Message | number;
    /** a forum topic id (createTopic) */
    topic?: number;
  }): Incoming {
    const entities = textEntities(input.text);
    return this.userMessage(input.chat, input.from, input.replyTo, {
      text: input.text,
      ...(entities.length ? { entities } : {}),
      ...inTopic(input.topic),
    });
  }

  /** An anonymous group admin posts: Telegram shows `from` = GroupAnonymousBot and `sender_chat` = the group. */
  sendAsGroup(input: { chat: Chat.GroupChat | Chat.SupergroupChat; text: string }): Incoming {
    const entities = textEntities(input.text);
    const anonymous = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
    return this.userMessage(input.chat, anonymous, undefined, {
      text: input.text,
      sender_chat: input.chat,
      ...(entities.length ? { entities } : {}),
    });
  }

  sendDocument(input: {
    chat?: Chat;
    from: User;
    fileName: string;
    mimeType: string;
    bytes: Uint8Array;
    caption?: string;
    /** Reported size, e.g. 25 MB to hit getFile's "file is too big" without allocating it. */
    fileSize?: number;
    replyTo?: Message | number;
    /** a forum topic id (createTopic) */
    topic?: number;
  }): Incoming & { file: StoredFile } {
    const file = this.state.storeFile({
      bytes: Buffer.from(input.bytes),
      kind: "documents",
      fileName: input.fileName,
      mimeType: input.mimeType,
      ...(input.fileSize !== undefined ? { fileSize: input.fileSize } : {}),
    });
    const incoming = this.userMessage(input.chat, input.from, input.replyTo, {
      document: {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        file_name: input.fileName,
        mime_type: input.mimeType,
        file_size: file.fileSize,
      },
      ...(input.caption !== undefined ? { caption: input.caption } : {}),
      ...(input.caption ? captionEntities(input.caption) : {}),
      ...inTopic(input.topic),
    });
    return { ...incoming, file };
  }

  /** A user sends a picture (e.g. a phone photo of the scan instead of the PDF). */
  sendPhoto(input: {
    chat?: Chat;
    from: User;
    bytes: Uint8Array;
    caption?: string;
    width?: number;
    height?: number;
  }): Incoming & { file: StoredFile } {
    const width = input.width ?? 1280;
    const height = input.height ?? 960;
    const file = this.state.storeFile({
      bytes: Buffer.from(input.bytes),
      kind: "photos",
      mimeType: "image/jpeg",
      width,
      height,
    });
    const incoming = this.userMessage(input.chat, input.from, undefined, {
      photo: [
        { file_id: file.fileId, file_unique_id: file.fileUniqueId, width, height, file_size: file.fileSize },
      ],
      ...(input.caption !== undefined ? { caption: input.caption } : {}),
    });
    return { ...incoming, file };
  }

  /** A user presses an inline button under one of the bot's messages. Returns the callback query id. */
  pressButton(input: { chat?: Chat; from: User; message: Message | number; data: string }): {
    update: Update;
    callbackQueryId: string;
  } {
    const chat = input.chat
      ? this.chatRecord(input.chat)
      : typeof input.message === "number"
        ? this.privateChatRecord(input.from)
        : this.chatRecord(input.message.chat);
    const messageId = typeof input.message === "number" ? input.message : input.message.message_id;
    const message = chat.messages.get(messageId);
    if (!message) throw new Error(`pressButton: message ${messageId} does not exist in chat ${chat.chat.id}`);
    const callbackQueryId = `${randomInt(1e9, 2e9)}${randomInt(1e6, 9e6)}`;
    this.state.callbackQueries.set(callbackQueryId, { answered: false });
    const update = this.enqueue({
      callback_query: {
        id: callbackQueryId,
        from: input.from,
        message,
        chat_instance: String(Math.abs(chat.chat.id * 31 + this.bot.id)),
        data: input.data,
      },
    });
    return { update, callbackQueryId };
  }

  /** Queues any update; update_id is assigned when missing. */
  sendUpdate(update: Partial<Update> & Record<string, unknown>): Update {
    if (update.update_id !== undefined) {
      this.state.lastUpdateId = Math.max(this.state.lastUpdateId, update.update_id);
      this.state.enqueue(update as Update);
      return update as Update;
    }
    return this.enqueue(update);
  }

  /** Alias of {@link sendUpdate}. */
  sendMessageUpdate(update: Partial<Update> & Record<string, unknown>): Update {
    return this.sendUpdate(update);
  }

  /**
   * Delivers an update again with the same update_id, as Telegram does when a bot crashed before confirming it.
   * It is handed out even though the bot's offset is already past it.
   */
  deliverTwice(update: Update): void {
    this.state.enqueue(update, true);
  }

  /**
   * Resolves once the bot has confirmed every delivery of this update: in polling mode when a later getUpdates
   * carries a higher offset (grammY's bot.start() only asks after its middleware finished the batch), in
   * webhook mode when the webhook answered 2xx. The deterministic way to assert "nothing more was sent".
   */
  waitUntilHandled(update: Update | number, timeoutMs = this.defaultTimeoutMs): Promise<void> {
    const id = typeof update === "number" ? update : update.update_id;
    if (!this.state.enqueued.has(id)) {
      return Promise.reject(new Error(`update ${id} was never delivered to the bot (privacy mode?)`));
    }
    const deadline = Date.now() + timeoutMs;
    return this.waitUntil(
      () => (this.state.handled.get(id) ?? 0) >= (this.state.enqueued.get(id) ?? 1) || undefined,
      timeoutMs,
      `update ${id} to be handled`,
    ).then(() => this.waitForOracle(id, deadline));
  }

  /**
   * A bot that confirms updates as soon as it has kept them (its own inbox) is done with one later than
   * Telegram can see: the test tells the fake how to ask the bot's side (e.g. its database).
   */
  handledWhen(oracle: (updateId: number) => Promise<boolean>): void {
    this.handledOracle = oracle;
  }

  private handledOracle: ((updateId: number) => Promise<boolean>) | undefined;

  private async waitForOracle(id: number, deadline: number): Promise<void> {
    const oracle = this.handledOracle;
    if (!oracle) return;
    while (!(await oracle(id))) {
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for the bot to finish update ${id}.\n${this.describe()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** true while a getUpdates request is being held open (the bot is idle, waiting for updates). */
  get longPollHeld(): boolean {
    return this.api.polling;
  }

  /** Updates queued and not yet confirmed by the bot. */
  get pendingUpdates(): Update[] {
    return this.state.queue.map((entry) => entry.update);
  }

  // --- what the bot did ----------------------------------------------------------------------------------

  /** Every message-changing call: send*, edit*, deleteMessage, oldest first. */
  get sent(): readonly SentRecord[] {
    return this.state.sent;
  }

  /** Every request that reached a known token, with its HTTP status (retries show up as several calls). */
  get calls(): readonly ApiCall[] {
    return this.state.calls;
  }

  get chatActions(): readonly ChatActionRecord[] {
    return this.state.chatActions;
  }

  get callbackAnswers(): readonly CallbackAnswer[] {
    return this.state.callbackAnswers;
  }

  get webhook(): WebhookConfig | undefined {
    return this.state.webhook;
  }

  get webhookDeliveries(): readonly WebhookDelivery[] {
    return this.state.webhookDeliveries;
  }

  /** Commands registered for exactly this scope and language (no fallback, like getMyCommands). */
  commands(
    scope?: { type: string; chat_id?: number | string; user_id?: number },
    languageCode?: string,
  ): BotCommand[] | undefined {
    return this.state.commands.get(commandsKeyFor(scope, languageCode));
  }

  /** Bytes of any stored file (a user's upload or something the bot sent). */
  file(fileId: string): Buffer | undefined {
    return this.state.filesById.get(fileId)?.bytes;
  }

  /** Resolves with the first record (already sent or future) matching the predicate. */
  waitFor(
    predicate: (record: SentRecord) => boolean,
    timeoutMs = this.defaultTimeoutMs,
  ): Promise<SentRecord> {
    return this.waitUntil(() => this.state.sent.find(predicate), timeoutMs, "a matching sent record");
  }

  /**
   * Resolves with the oldest send (sendMessage/sendPhoto/sendDocument by default) matching the filter that no
   * earlier nextMessage call returned. Successive calls walk through the bot's replies in order.
   */
  nextMessage(filter: MessageFilter = {}): Promise<SentRecord> {
    const methods = filter.method === undefined ? SEND_METHODS : [filter.method].flat();
    const chatId = filter.chatId ?? filter.chat?.id;
    return this.waitUntil(
      () => {
        const record = this.state.sent.find(
          (r) =>
            !this.consumed.has(r.seq) &&
            methods.includes(r.method) &&
            (chatId === undefined || r.chatId === chatId),
        );
        if (record) this.consumed.add(record.seq);
        return record;
      },
      filter.timeoutMs ?? this.defaultTimeoutMs,
      `${methods.join("/")}${chatId === undefined ? "" : ` to chat ${chatId}`}`,
    );
  }

  /** Resolves with the first truthy value of `check`, re-evaluated whenever the fake's state changes. */
  waitUntil<T>(
    check: () => T | undefined | null | false,
    timeoutMs = this.defaultTimeoutMs,
    what = "condition",
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const cleanup = () => {
        clearTimeout(timer);
        this.state.events.off("changed", attempt);
        this.cancelWaiters.delete(cancel);
      };
      const cancel = (reason: Error) => {
        cleanup();
        reject(reason);
      };
      function attempt(): boolean {
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch (error) {
          cancel(error instanceof Error ? error : new Error(String(error)));
          return true;
        }
        if (value === undefined || value === null || value === false) return false;
        cleanup();
        resolve(value);
        return true;
      }
      if (attempt()) return;
      timer = setTimeout(
        () => cancel(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.\n${this.describe()}`)),
        timeoutMs,
      );
      this.cancelWaiters.add(cancel);
      this.state.events.on("changed", attempt);
    });
  }

  /** A readable summary of what the bot did, for failure messages. */
  describe(): string {
    const lines = this.state.calls.slice(-30).map((call) => {
      const detail = call.status === 200 ? "" : ` → ${call.status} ${call.description ?? ""}`;
      const text =
        typeof call.params.text === "string" ? ` ${JSON.stringify(call.params.text.slice(0, 80))}` : "";
      const chat = call.params.chat_id !== undefined ? ` chat=${String(call.params.chat_id)}` : "";
      return `  ${call.method}${chat}${text}${detail}`;
    });
    return `Last API calls (${this.state.calls.length} in all):\n${lines.join("\n") || "  (none)"}`;
  }

  // --- faults ------------------------------------------------------------------------------------------

  /**
   * The next `times` calls of `method` fail (case-insensitive; "*" = any method but getUpdates).
   * 429 gets parameters.retry_after (default 1); kind "html" answers an nginx error page (grammY: HttpError);
   * kind "drop" destroys the connection.
   */
  failNext(method: string, fault: Fault, times = 1): void {
    const key = method.toLowerCase();
    const list = this.state.faults.get(key) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.state.faults.set(key, list);
  }

  clearFaults(): void {
    this.state.faults.clear();
  }

  // --- internals ---------------------------------------------------------------------------------------------

  private userRecord(user: User) {
    const record = this.state.users.get(user.id);
    if (record) return record;
    const created = { user, startedBot: true, blockedBot: false };
    this.state.users.set(user.id, created);
    return created;
  }

  private privateChatRecord(user: User): ChatRecord {
    return this.state.privateChat(this.userRecord(user).user);
  }

  private chatRecord(chat: Chat | number): ChatRecord {
    const id = typeof chat === "number" ? chat : chat.id;
    const record = this.state.chats.get(id);
    if (!record)
      throw new Error(`FakeTelegram: unknown chat ${id}; create it with createGroup/privateChat first`);
    return record;
  }

  private enqueue(content: Record<string, unknown>): Update {
    const update = { update_id: ++this.state.lastUpdateId, ...content } as Update;
    this.state.enqueue(update);
    return update;
  }

  private userMessage(
    chat: Chat | undefined,
    from: User,
    replyTo: Message | number | undefined,
    content: Record<string, unknown>,
  ): Incoming {
    const sender = this.userRecord(from);
    const record = chat ? this.chatRecord(chat) : this.privateChatRecord(from);
    if (record.chat.type === "private")
      sender.startedBot = true; // nobody can write to a bot without pressing Start
    else if (!record.members.has(from.id)) record.members.set(from.id, "member");
    const replyId = typeof replyTo === "number" ? replyTo : replyTo?.message_id;
    const target = replyId === undefined ? undefined : record.messages.get(replyId);
    if (replyId !== undefined && !target)
      throw new Error(`replyTo: message ${replyId} does not exist in chat ${record.chat.id}`);
    const message = {
      message_id: this.state.nextMessageId(record),
      from,
      chat: record.chat,
      date: this.state.now(),
      ...(target ? { reply_to_message: target } : {}),
      ...content,
    } as unknown as Message;
    record.messages.set(message.message_id, message);
    const delivered = this.botSees(record, message);
    const update = delivered ? this.enqueue({ message }) : ({ update_id: 0, message } as Update);
    this.state.changed();
    return { update, message, delivered };
  }

  private botSees(chat: ChatRecord, message: Message): boolean {
    if (chat.chat.type === "private") return true;
    if (chat.botStatus === "left" || chat.botStatus === "kicked") return false;
    if (!this.state.privacyMode || chat.botStatus === "administrator" || chat.botStatus === "creator")
      return true;
    const text = message.text ?? message.caption ?? "";
    const username = this.bot.username.toLowerCase();
    if (text.startsWith("/")) {
      const target = /^\/[a-zA-Z0-9_]+(?:@([a-zA-Z0-9_]+))?/.exec(text)?.[1];
      return target === undefined || target.toLowerCase() === username;
    }
    if (message.reply_to_message?.from?.id === this.bot.id) return true;
    return text.toLowerCase().includes(`@${username}`);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) {
      if (download[1] !== this.token) return sendJson(response, 401, unauthorized());
      const file = this.state.filesByPath.get(decodeURIComponent(download[2]!));
      if (!file) return sendJson(response, 404, notFound());
      response.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": file.bytes.length,
      });
      response.end(file.bytes);
      return;
    }
    const call = /^\/bot([^/]+)\/([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    if (!call) return sendJson(response, 404, notFound());
    if (call[1] !== this.token) return sendJson(response, 401, unauthorized());
    const body = await readBody(request);
    let parsed: ReturnType<typeof parseRequest>;
    try {
      parsed = parseRequest(url, request.headers["content-type"] ?? "", body);
    } catch {
      return sendJson(response, 400, {
        ok: false,
        error_code: 400,
        description: "Bad Request: invalid request body",
      });
    }
    const method = call[2]!;
    const seq = this.state.nextSeq();
    const log = (status: number, description?: string) => {
      this.state.calls.push({
        seq,
        method,
        params: parsed.params,
        status,
        ...(description ? { description } : {}),
        at: Date.now(),
      });
      this.state.changed();
    };
    const fault = this.takeFault(method);
    if (fault) {
      const kind = fault.kind ?? "json";
      log(fault.error_code, fault.description ?? defaultDescription(fault));
      if (kind === "drop") {
        request.socket.destroy();
        return;
      }
      if (kind === "hold") return;
      if (kind === "html") {
        const text = `<html>\r\n<head><title>${fault.error_code} ${defaultDescription(fault)}</title></head>\r\n<body>\r\n<center><h1>${fault.error_code} ${defaultDescription(fault)}</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n`;
        response.writeHead(fault.error_code, { "content-type": "text/html" });
        response.end(text);
        return;
      }
      const retryAfter = fault.error_code === 429 ? (fault.retry_after ?? 1) : fault.retry_after;
      const error = new TelegramApiError(
        fault.error_code,
        fault.description ??
          defaultDescription({ ...fault, ...(retryAfter !== undefined ? { retry_after: retryAfter } : {}) }),
        retryAfter !== undefined ? { retry_after: retryAfter } : undefined,
      );
      return sendJson(response, fault.error_code, error.toBody());
    }
    const abort = new AbortController();
    response.on("close", () => {
      if (!response.writableFinished) abort.abort();
    });
    try {
      const result = await this.execute(method, parsed.params, parsed.files, abort.signal);
      log(200);
      if (!response.destroyed) sendJson(response, 200, { ok: true, result });
    } catch (error) {
      const apiError =
        error instanceof TelegramApiError
          ? error
          : new TelegramApiError(
              500,
              `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`,
            );
      log(apiError.errorCode, apiError.description);
      if (!response.destroyed) sendJson(response, apiError.errorCode, apiError.toBody());
    }
  }

  private async execute(
    method: string,
    params: Record<string, unknown>,
    files: Record<string, MultipartFile>,
    signal: AbortSignal,
  ): Promise<unknown> {
    const handler = this.api.handlers.get(method.toLowerCase());
    if (!handler) throw new TelegramApiError(404, "Not Found");
    return await handler(params, { files, signal });
  }

  private takeFault(method: string): Fault | undefined {
    const exact = this.state.faults.get(method.toLowerCase());
    if (exact?.length) return exact.shift();
    if (method.toLowerCase() === "getupdates") return undefined;
    return this.state.faults.get("*")?.shift();
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

const unauthorized = () => ({ ok: false, error_code: 401, description: "Unauthorized" });
const notFound = () => ({ ok: false, error_code: 404, description: "Not Found" });

function defaultDescription(fault: Fault): string {
  switch (fault.error_code) {
    case 429:
      return `Too Many Requests: retry after ${fault.retry_after ?? 1}`;
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 409:
      return "Conflict";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Error";
  }
}

/** bot_command entities for `/cmd` and `/cmd@bot` (wherever they start a word), mention entities for @names. */
function textEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const match of text.matchAll(/(^|\s)(\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?)/g)) {
    entities.push({ type: "bot_command", offset: match.index + match[1]!.length, length: match[2]!.length });
  }
  for (const match of text.matchAll(/(^|\s)(@[a-zA-Z0-9_]{5,32})/g)) {
    entities.push({ type: "mention", offset: match.index + match[1]!.length, length: match[2]!.length });
  }
  return entities.sort((a, b) => a.offset - b.offset);
}

function captionEntities(caption: string): { caption_entities?: MessageEntity[] } {
  const entities = textEntities(caption);
  return entities.length ? { caption_entities: entities } : {};
}

/** What Telegram puts on a message posted in a forum topic. */
function inTopic(topic: number | undefined): Record<string, unknown> {
  return topic === undefined ? {} : { message_thread_id: topic, is_topic_message: true };
}
