import type { ChatMember, InlineKeyboardMarkup, Message, Update } from "grammy/types";
import { badRequest, forbidden, TelegramApiError } from "./errors.ts";
import { sniffMedia } from "./media.ts";
import type { MultipartFile } from "./multipart.ts";
import { parseFormattedText } from "./parse-mode.ts";
import type { ChatRecord, QueuedUpdate, SentFile, SentRecord, TelegramState } from "./state.ts";

export type Params = Record<string, unknown>;

export interface CallContext {
  files: Record<string, MultipartFile>;
  /** Aborted when the client goes away (grammY aborts the pending getUpdates on bot.stop()). */
  signal: AbortSignal;
}

type Handler = (params: Params, context: CallContext) => unknown;

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const MAX_DOWNLOAD = 20 * 1024 * 1024;
const MAX_PHOTO_UPLOAD = 10 * 1024 * 1024;
const MAX_UPLOAD = 50 * 1024 * 1024;
const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);
const BUTTON_ACTIONS = [
  "callback_data",
  "url",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "web_app",
  "callback_game",
  "pay",
];
const NO_OP_METHODS = [
  "setMyDescription",
  "setMyShortDescription",
  "setMyName",
  "setChatMenuButton",
  "setMyDefaultAdministratorRights",
  "pinChatMessage",
  "unpinChatMessage",
  "unpinAllChatMessages",
  "setMessageReaction",
  "logOut",
  "close",
];

interface PendingPoll {
  offset: number;
  limit: number;
  allowed: string[] | undefined;
  finish: (result: Update[] | TelegramApiError) => void;
}

/** The Bot API methods, implemented over {@link TelegramState}. Names are matched case-insensitively. */
export class BotApi {
  readonly handlers = new Map<string, Handler>();
  private poll: PendingPoll | undefined;

  constructor(
    private readonly state: TelegramState,
    private readonly onWebhookChanged: () => void,
  ) {
    const register = (name: string, handler: Handler) => this.handlers.set(name.toLowerCase(), handler);
    register("getMe", () => state.bot);
    register("getUpdates", (p, c) => this.getUpdates(p, c));
    register("setWebhook", (p) => this.setWebhook(p));
    register("deleteWebhook", (p) => this.deleteWebhook(p));
    register("getWebhookInfo", () => this.webhookInfo());
    register("getFile", (p) => this.getFile(p));
    register("sendMessage", (p) => this.sendMessage(p));
    register("sendPhoto", (p, c) => this.sendMedia("photo", p, c));
    register("sendDocument", (p, c) => this.sendMedia("document", p, c));
    register("editMessageText", (p) => this.editMessageText(p));
    register("editMessageCaption", (p) => this.editMessageCaption(p));
    register("editMessageReplyMarkup", (p) => this.editMessageReplyMarkup(p));
    register("deleteMessage", (p) => this.deleteMessage(p));
    register("sendChatAction", (p) => this.sendChatAction(p));
    register("answerCallbackQuery", (p) => this.answerCallbackQuery(p));
    register("setMyCommands", (p) => this.setMyCommands(p));
    register("getMyCommands", (p) => state.commands.get(commandsKey(p)) ?? []);
    register("deleteMyCommands", (p) => {
      state.commands.delete(commandsKey(p));
      return true;
    });
    register("getChat", (p) => this.getChat(p));
    register("getChatMember", (p) => this.getChatMember(p));
    register("getChatAdministrators", (p) => this.getChatAdministrators(p));
    register("getChatMemberCount", (p) => {
      const chat = this.chat(p.chat_id);
      return chat.chat.type === "private" ? 2 : [...chat.members.values()].filter(isPresent).length + 1;
    });
    register("leaveChat", (p) => this.leaveChat(p));
    for (const field of ["description", "short_description", "name"]) {
      const suffix = field === "name" ? "Name" : field === "description" ? "Description" : "ShortDescription";
      register(`setMy${suffix}`, (p) => {
        state.botTexts.set(`${field}|${p.language_code ?? ""}`, String(p[field] ?? ""));
        return true;
      });
      register(`getMy${suffix}`, (p) => ({
        [field]: state.botTexts.get(`${field}|${p.language_code ?? ""}`) ?? "",
      }));
    }
    for (const name of NO_OP_METHODS) if (!this.handlers.has(name.toLowerCase())) register(name, () => true);
  }

  get polling(): boolean {
    return this.poll !== undefined;
  }

  /** Answers every held getUpdates request with an empty list (used when the server stops). */
  endPendingPolls(): void {
    this.poll?.finish([]);
  }

  // --- updates -------------------------------------------------------------------------------------------

  private getUpdates(p: Params, context: CallContext): Promise<Update[]> | Update[] {
    const state = this.state;
    if (state.webhook) {
      throw new TelegramApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    // Telegram keeps one getUpdates per bot: a newer request terminates the older one.
    this.poll?.finish(
      new TelegramApiError(
        409,
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      ),
    );
    const offset = toInt(p.offset) ?? 0;
    const limit = Math.min(Math.max(toInt(p.limit) ?? 100, 1), 100);
    const timeout = Math.max(toInt(p.timeout) ?? 0, 0);
    if (Array.isArray(p.allowed_updates)) state.allowedUpdates = p.allowed_updates.map(String);
    this.confirm(offset);
    const ready = this.take(offset, limit, state.allowedUpdates);
    if (ready.length > 0 || timeout === 0 || context.signal.aborted) return ready;

    return new Promise<Update[]>((resolve, reject) => {
      const poll: PendingPoll = {
        offset,
        limit,
        allowed: state.allowedUpdates,
        finish: (result) => {
          if (this.poll !== poll) return;
          this.poll = undefined;
          state.changed();
          clearTimeout(timer);
          state.events.off("update", onUpdate);
          context.signal.removeEventListener("abort", onAbort);
          if (result instanceof TelegramApiError) reject(result);
          else resolve(result);
        },
      };
      const onUpdate = () => {
        const updates = this.take(offset, limit, poll.allowed);
        if (updates.length > 0) poll.finish(updates);
      };
      const onAbort = () => poll.finish([]);
      const timer = setTimeout(() => poll.finish([]), timeout * 1000);
      this.poll = poll;
      state.events.on("update", onUpdate);
      context.signal.addEventListener("abort", onAbort);
      state.changed();
    });
  }

  private confirm(offset: number): void {
    const state = this.state;
    if (offset < 0) {
      const keep = state.queue.filter((e) => !e.forced).slice(offset);
      for (const entry of [...state.queue])
        if (!entry.forced && !keep.includes(entry)) state.markHandled(entry);
      return;
    }
    for (const entry of [...state.queue]) {
      if (entry.update.update_id < offset && !entry.forced) state.markHandled(entry);
      else if (entry.forced && entry.returned) state.markHandled(entry);
    }
  }

  private take(offset: number, limit: number, allowed: string[] | undefined): Update[] {
    const state = this.state;
    const result: QueuedUpdate[] = [];
    for (const entry of [...state.queue]) {
      if (result.length >= limit) break;
      if (!entry.forced && entry.update.update_id < offset) continue;
      if (!state.isAllowed(entry.update, allowed)) {
        state.markHandled(entry); // Telegram drops updates of types the bot did not ask for
        continue;
      }
      result.push(entry);
    }
    for (const entry of result) entry.returned = true;
    return result.map((e) => e.update);
  }

  private setWebhook(p: Params): true {
    const url = String(p.url ?? "");
    if (url === "") return this.deleteWebhook(p);
    if (!/^https?:\/\//.test(url)) throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    if (p.drop_pending_updates === true) this.dropPending();
    const allowed = Array.isArray(p.allowed_updates) ? p.allowed_updates.map(String) : undefined;
    this.state.webhook = {
      url,
      maxConnections: toInt(p.max_connections) ?? 40,
      ...(typeof p.secret_token === "string" ? { secretToken: p.secret_token } : {}),
      ...(allowed ? { allowedUpdates: allowed } : {}),
    };
    if (allowed) this.state.allowedUpdates = allowed;
    this.poll?.finish(
      new TelegramApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      ),
    );
    this.onWebhookChanged();
    return true;
  }

  private deleteWebhook(p: Params): true {
    if (p.drop_pending_updates === true) this.dropPending();
    this.state.webhook = undefined;
    this.onWebhookChanged();
    return true;
  }

  private dropPending(): void {
    for (const entry of [...this.state.queue]) this.state.markHandled(entry);
  }

  private webhookInfo(): Record<string, unknown> {
    const hook = this.state.webhook;
    return {
      url: hook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.state.queue.length,
      ...(hook
        ? {
            max_connections: hook.maxConnections,
            ...(hook.allowedUpdates ? { allowed_updates: hook.allowedUpdates } : {}),
            ...(hook.lastErrorDate
              ? { last_error_date: hook.lastErrorDate, last_error_message: hook.lastErrorMessage }
              : {}),
          }
        : {}),
    };
  }

  // --- files -----------------------------------------------------------------------------------------------

  private getFile(p: Params): Record<string, unknown> {
    const file = this.state.filesById.get(String(p.file_id ?? ""));
    if (!file) throw badRequest("invalid file_id");
    if (file.fileSize > MAX_DOWNLOAD) throw badRequest("file is too big");
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_size: file.fileSize,
      file_path: file.filePath,
    };
  }

  private resolveInputFile(kind: "photo" | "document", p: Params, context: CallContext): SentFile {
    const value = p[kind];
    let upload = context.files[kind];
    if (!upload && typeof value === "string" && value.startsWith("attach://")) {
      upload = context.files[value.slice("attach://".length)];
      if (!upload) throw badRequest("wrong file identifier/HTTP URL specified");
    }
    if (upload) {
      if (upload.bytes.length === 0) throw badRequest("file must be non-empty");
      if (upload.bytes.length > (kind === "photo" ? MAX_PHOTO_UPLOAD : MAX_UPLOAD)) {
        throw new TelegramApiError(413, "Request Entity Too Large");
      }
      const sniffed = sniffMedia(upload.bytes, upload.filename);
      if (kind === "photo") {
        if (!sniffed.isImage) throw badRequest("IMAGE_PROCESS_FAILED");
        const { width = 1, height = 1 } = sniffed;
        if (width + height > 10_000 || Math.max(width, height) / Math.max(Math.min(width, height), 1) > 20) {
          throw badRequest("PHOTO_INVALID_DIMENSIONS");
        }
      }
      const mimeType =
        upload.contentType !== "application/octet-stream"
          ? upload.contentType
          : (sniffed.mimeType ?? undefined);
      const stored = this.state.storeFile({
        bytes: upload.bytes,
        kind: kind === "photo" ? "photos" : "documents",
        fileName: upload.filename,
        ...(mimeType ? { mimeType } : {}),
        ...(sniffed.width !== undefined ? { width: sniffed.width, height: sniffed.height ?? 0 } : {}),
      });
      return {
        bytes: upload.bytes,
        fileName: upload.filename,
        mimeType,
        fileId: stored.fileId,
        uploaded: true,
        ...(sniffed.width !== undefined ? { width: sniffed.width, height: sniffed.height ?? 0 } : {}),
      };
    }
    if (typeof value === "string" && value !== "") {
      const existing = this.state.filesById.get(value);
      if (existing) {
        return {
          bytes: existing.bytes,
          fileName: existing.fileName,
          mimeType: existing.mimeType,
          fileId: existing.fileId,
          uploaded: false,
          ...(existing.width !== undefined ? { width: existing.width, height: existing.height ?? 0 } : {}),
        };
      }
      if (/^https?:\/\//.test(value)) {
        const stored = this.state.storeFile({
          bytes: Buffer.alloc(0),
          kind: `${kind}s` as "photos" | "documents",
        });
        return {
          bytes: Buffer.alloc(0),
          fileName: undefined,
          mimeType: undefined,
          fileId: stored.fileId,
          uploaded: false,
          url: value,
        };
      }
    }
    throw badRequest(
      value === undefined ? `there is no ${kind} in the request` : "wrong file identifier/HTTP URL specified",
    );
  }

  // --- sending -----------------------------------------------------------------------------------------

  private sendMessage(p: Params): Message {
    const chat = this.chat(p.chat_id);
    if (typeof p.text !== "string" || p.text.trim() === "") throw badRequest("message text is empty");
    const parsed = parseFormattedText(p.text, str(p.parse_mode));
    if (parsed.text.trim() === "") throw badRequest("message text is empty");
    if (parsed.text.length > MAX_TEXT) throw badRequest("message is too long");
    const markup = this.replyMarkup(p.reply_markup);
    this.ensureCanWrite(chat);
    const replyTo = this.replyTarget(chat, p);
    const topic = this.topicOf(chat, p, replyTo);
    const message = this.storeBotMessage(chat, {
      ...topicFields(topic),
      text: parsed.text,
      ...(parsed.entities.length ? { entities: parsed.entities } : {}),
      ...(replyTo ? { reply_to_message: replyTo } : {}),
      ...(markup?.inline_keyboard ? { reply_markup: markup } : {}),
    });
    this.record("sendMessage", p, chat, message, {
      text: p.text,
      plainText: parsed.text,
      entities: parsed.entities,
      ...(replyTo ? { replyTo: replyTo.message_id } : {}),
      ...(topic !== undefined ? { topic } : {}),
      ...(markup ? { replyMarkup: markup } : {}),
    });
    return message;
  }

  private sendMedia(kind: "photo" | "document", p: Params, context: CallContext): Message {
    const chat = this.chat(p.chat_id);
    const caption = this.caption(p);
    const markup = this.replyMarkup(p.reply_markup);
    this.ensureCanWrite(chat);
    const replyTo = this.replyTarget(chat, p);
    const topic = this.topicOf(chat, p, replyTo);
    const file = this.resolveInputFile(kind, p, context);
    const stored = this.state.filesById.get(file.fileId)!;
    const media =
      kind === "photo"
        ? {
            photo: [
              {
                file_id: stored.fileId,
                file_unique_id: stored.fileUniqueId,
                width: file.width ?? 0,
                height: file.height ?? 0,
                file_size: stored.fileSize,
              },
            ],
          }
        : {
            document: {
              file_id: stored.fileId,
              file_unique_id: stored.fileUniqueId,
              ...(file.fileName ? { file_name: file.fileName } : {}),
              ...(file.mimeType ? { mime_type: file.mimeType } : {}),
              file_size: stored.fileSize,
            },
          };
    const message = this.storeBotMessage(chat, {
      ...topicFields(topic),
      ...media,
      ...(caption ? { caption: caption.text } : {}),
      ...(caption?.entities.length ? { caption_entities: caption.entities } : {}),
      ...(replyTo ? { reply_to_message: replyTo } : {}),
      ...(markup?.inline_keyboard ? { reply_markup: markup } : {}),
    });
    this.record(kind === "photo" ? "sendPhoto" : "sendDocument", p, chat, message, {
      [kind]: file,
      ...(caption ? { caption: String(p.caption), plainText: caption.text, entities: caption.entities } : {}),
      ...(replyTo ? { replyTo: replyTo.message_id } : {}),
      ...(topic !== undefined ? { topic } : {}),
      ...(markup ? { replyMarkup: markup } : {}),
    });
    return message;
  }

  private caption(p: Params): { text: string; entities: Message["entities"] & object } | undefined {
    if (typeof p.caption !== "string" || p.caption === "") return undefined;
    const parsed = parseFormattedText(p.caption, str(p.parse_mode));
    if (parsed.text.length > MAX_CAPTION) throw badRequest("message caption is too long");
    return parsed;
  }

  // --- editing -----------------------------------------------------------------------------------------

  private editable(p: Params, what: "edit" | "delete"): { chat: ChatRecord; message: Message } {
    if (p.inline_message_id !== undefined) throw badRequest("MESSAGE_ID_INVALID");
    const chat = this.chat(p.chat_id);
    const message = chat.messages.get(toInt(p.message_id) ?? -1);
    if (!message) throw badRequest(`message to ${what} not found`);
    if (what === "edit" && message.from?.id !== this.state.bot.id)
      throw badRequest("message can't be edited");
    return { chat, message };
  }

  private editMessageText(p: Params): Message {
    const { chat, message } = this.editable(p, "edit");
    if (message.text === undefined) throw badRequest("there is no text in the message to edit");
    if (typeof p.text !== "string" || p.text.trim() === "") throw badRequest("message text is empty");
    const parsed = parseFormattedText(p.text, str(p.parse_mode));
    if (parsed.text.trim() === "") throw badRequest("message text is empty");
    if (parsed.text.length > MAX_TEXT) throw badRequest("message is too long");
    const markup = this.replyMarkup(p.reply_markup);
    const next = { ...message, text: parsed.text } as Message & Record<string, unknown>;
    setOrDelete(next, "entities", parsed.entities.length ? parsed.entities : undefined);
    setOrDelete(next, "reply_markup", markup?.inline_keyboard ? markup : undefined);
    return this.commitEdit("editMessageText", p, chat, message, next, {
      text: p.text,
      plainText: parsed.text,
      entities: parsed.entities,
      ...(markup ? { replyMarkup: markup } : {}),
    });
  }

  private editMessageCaption(p: Params): Message {
    const { chat, message } = this.editable(p, "edit");
    if (!("photo" in message || "document" in message))
      throw badRequest("there is no caption in the message to edit");
    const caption = this.caption(p);
    const markup = this.replyMarkup(p.reply_markup);
    const next = { ...message } as Message & Record<string, unknown>;
    setOrDelete(next, "caption", caption?.text);
    setOrDelete(next, "caption_entities", caption?.entities.length ? caption.entities : undefined);
    setOrDelete(next, "reply_markup", markup?.inline_keyboard ? markup : undefined);
    return this.commitEdit("editMessageCaption", p, chat, message, next, {
      ...(caption ? { caption: String(p.caption), plainText: caption.text, entities: caption.entities } : {}),
      ...(markup ? { replyMarkup: markup } : {}),
    });
  }

  private editMessageReplyMarkup(p: Params): Message {
    const { chat, message } = this.editable(p, "edit");
    const markup = this.replyMarkup(p.reply_markup);
    const next = { ...message } as Message & Record<string, unknown>;
    setOrDelete(next, "reply_markup", markup?.inline_keyboard?.length ? markup : undefined);
    return this.commitEdit(
      "editMessageReplyMarkup",
      p,
      chat,
      message,
      next,
      markup ? { replyMarkup: markup } : {},
    );
  }

  private commitEdit(
    method: string,
    p: Params,
    chat: ChatRecord,
    before: Message,
    next: Message & Record<string, unknown>,
    details: Partial<SentRecord>,
  ): Message {
    const { edit_date: _a, ...oldRest } = before as Message & { edit_date?: number };
    const { edit_date: _b, ...newRest } = next as Message & { edit_date?: number };
    if (JSON.stringify(oldRest) === JSON.stringify(newRest)) {
      throw badRequest(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    const edited = { ...next, edit_date: this.state.now() } as Message;
    chat.messages.set(edited.message_id, edited);
    this.record(method, p, chat, edited, details);
    return edited;
  }

  private deleteMessage(p: Params): true {
    const { chat, message } = this.editable(p, "delete");
    const own = message.from?.id === this.state.bot.id;
    if (!own && chat.chat.type !== "private" && !isAdmin(chat.botStatus))
      throw badRequest("message can't be deleted");
    chat.messages.delete(message.message_id);
    const seq = this.state.nextSeq();
    this.state.sent.push({
      seq,
      method: "deleteMessage",
      chatId: chat.chat.id,
      messageId: message.message_id,
      params: p,
      at: Date.now(),
    });
    this.state.changed();
    return true;
  }

  // --- chats, commands, callbacks ----------------------------------------------------------------------------

  private sendChatAction(p: Params): true {
    const chat = this.chat(p.chat_id);
    const action = String(p.action ?? "");
    if (!CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
    this.ensureCanWrite(chat);
    const topic = this.topicOf(chat, p, undefined);
    this.state.chatActions.push({
      chatId: chat.chat.id,
      action,
      ...(topic !== undefined ? { topic } : {}),
      at: Date.now(),
    });
    this.state.changed();
    return true;
  }

  private answerCallbackQuery(p: Params): true {
    const id = String(p.callback_query_id ?? "");
    const query = this.state.callbackQueries.get(id);
    if (!query || query.answered) {
      throw badRequest("query is too old and response timeout expired or query ID is invalid");
    }
    query.answered = true;
    this.state.callbackAnswers.push({
      callbackQueryId: id,
      ...(typeof p.text === "string" ? { text: p.text } : {}),
      ...(typeof p.show_alert === "boolean" ? { showAlert: p.show_alert } : {}),
      ...(typeof p.url === "string" ? { url: p.url } : {}),
      at: Date.now(),
    });
    this.state.changed();
    return true;
  }

  private setMyCommands(p: Params): true {
    const commands = p.commands;
    if (!Array.isArray(commands)) throw badRequest('parameter "commands" is required');
    if (commands.length > 100) throw badRequest("too many commands");
    for (const command of commands as { command?: unknown; description?: unknown }[]) {
      if (typeof command.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command.command)) {
        throw badRequest("BOT_COMMAND_INVALID");
      }
      const description = typeof command.description === "string" ? command.description : "";
      if (description.trim() === "" || description.length > 256)
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    const key = commandsKey(p);
    if (commands.length === 0) this.state.commands.delete(key);
    else
      this.state.commands.set(
        key,
        (commands as { command: string; description: string }[]).map(({ command, description }) => ({
          command,
          description,
        })),
      );
    this.state.changed();
    return true;
  }

  private getChat(p: Params): Record<string, unknown> {
    const chat = this.chat(p.chat_id);
    return { ...chat.chat, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: {} };
  }

  private getChatMember(p: Params): ChatMember {
    const chat = this.chat(p.chat_id);
    const userId = toInt(p.user_id);
    if (userId === this.state.bot.id)
      return member(this.state.bot, chat.chat.type === "private" ? "member" : chat.botStatus);
    const user = userId === undefined ? undefined : this.state.users.get(userId);
    if (!user) throw badRequest("user not found");
    if (chat.chat.type === "private") return member(user.user, chat.chat.id === userId ? "member" : "left");
    return member(user.user, chat.members.get(user.user.id) ?? "left");
  }

  private getChatAdministrators(p: Params): ChatMember[] {
    const chat = this.chat(p.chat_id);
    if (chat.chat.type === "private") throw badRequest("there are no administrators in the private chat");
    const admins: ChatMember[] = [];
    for (const [id, status] of chat.members) {
      const user = this.state.users.get(id);
      if (user && isAdmin(status)) admins.push(member(user.user, status));
    }
    if (isAdmin(chat.botStatus)) admins.push(member(this.state.bot, chat.botStatus));
    return admins;
  }

  private leaveChat(p: Params): true {
    const chat = this.chat(p.chat_id);
    if (chat.chat.type === "private")
      throw badRequest("chat member status can't be changed in private chats");
    if (!isPresent(chat.botStatus)) throw forbidden(`bot is not a member of the ${kindName(chat)} chat`);
    chat.botStatus = "left";
    this.state.changed();
    return true;
  }

  // --- shared helpers ----------------------------------------------------------------------------------------

  private chat(chatId: unknown): ChatRecord {
    if (chatId === undefined || chatId === "") throw badRequest("chat_id is empty");
    if (typeof chatId === "string" && chatId.startsWith("@")) {
      const name = chatId.slice(1).toLowerCase();
      for (const record of this.state.chats.values()) {
        if ("username" in record.chat && record.chat.username?.toLowerCase() === name) return record;
      }
      throw badRequest("chat not found");
    }
    const id = toInt(chatId);
    const record = id === undefined ? undefined : this.state.chats.get(id);
    if (record) return record;
    // The bot knows this user (e.g. from a group), so a private chat exists, even if it may not write there.
    const user = id === undefined ? undefined : this.state.users.get(id);
    if (!user) throw badRequest("chat not found");
    return this.state.privateChat(user.user);
  }

  private ensureCanWrite(chat: ChatRecord): void {
    if (chat.chat.type === "private") {
      const user = this.state.users.get(chat.chat.id);
      if (user?.blockedBot) throw forbidden("bot was blocked by the user");
      if (!user?.startedBot) throw forbidden("bot can't initiate conversation with a user");
      return;
    }
    if (chat.botStatus === "kicked") throw forbidden(`bot was kicked from the ${kindName(chat)} chat`);
    if (!isPresent(chat.botStatus)) throw forbidden(`bot is not a member of the ${kindName(chat)} chat`);
  }

  /**
   * The forum topic a send lands in: message_thread_id when given (it must name a topic of a forum), else the
   * topic of the message it replies to; otherwise General.
   */
  private topicOf(chat: ChatRecord, p: Params, replyTo: Message | undefined): number | undefined {
    const asked = toInt(p.message_thread_id);
    if (asked !== undefined) {
      if (!chat.topics?.has(asked)) throw badRequest("message thread not found");
      return asked;
    }
    return replyTo?.is_topic_message ? replyTo.message_thread_id : undefined;
  }

  private replyTarget(chat: ChatRecord, p: Params): Message | undefined {
    const parameters = toObject(p.reply_parameters, "reply parameters") as
      | { message_id?: unknown; chat_id?: unknown; allow_sending_without_reply?: unknown }
      | undefined;
    const messageId = toInt(parameters?.message_id ?? p.reply_to_message_id);
    if (messageId === undefined) return undefined;
    const allowWithout = parameters?.allow_sending_without_reply ?? p.allow_sending_without_reply;
    const target = parameters?.chat_id !== undefined ? this.chat(parameters.chat_id) : chat;
    const found = target.messages.get(messageId);
    if (!found) {
      if (allowWithout === true || allowWithout === "true") return undefined;
      throw badRequest("message to be replied not found");
    }
    // Telegram does not nest replies more than one level deep.
    const { reply_to_message: _nested, ...shallow } = found as Message & { reply_to_message?: unknown };
    return shallow as Message;
  }

  private replyMarkup(raw: unknown): (InlineKeyboardMarkup & Record<string, unknown>) | undefined {
    const markup = toObject(raw, "reply keyboard markup") as Record<string, unknown> | undefined;
    if (!markup) return undefined;
    if ("inline_keyboard" in markup) {
      const rows = markup.inline_keyboard;
      if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) {
        throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
      }
      for (const button of rows.flat() as Record<string, unknown>[]) {
        if (typeof button.text !== "string" || button.text === "") {
          throw badRequest("can't parse inline keyboard button: Text is empty");
        }
        const actions = BUTTON_ACTIONS.filter((key) => button[key] !== undefined);
        if (actions.length === 0) {
          throw badRequest(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
          );
        }
        if (actions.includes("callback_data")) {
          const size = Buffer.byteLength(String(button.callback_data), "utf8");
          if (size < 1 || size > 64) throw badRequest("BUTTON_DATA_INVALID");
        }
        if (actions.includes("url") && !/^(https?|tg):\/\//i.test(String(button.url))) {
          throw badRequest(
            `inline keyboard button URL '${String(button.url)}' is invalid: Unsupported URL protocol`,
          );
        }
      }
    }
    return markup as InlineKeyboardMarkup & Record<string, unknown>;
  }

  private storeBotMessage(chat: ChatRecord, content: Record<string, unknown>): Message {
    const message = {
      message_id: this.state.nextMessageId(chat),
      from: this.state.bot,
      chat: chat.chat,
      date: this.state.now(),
      ...content,
    } as unknown as Message;
    chat.messages.set(message.message_id, message);
    return message;
  }

  private record(
    method: string,
    p: Params,
    chat: ChatRecord,
    message: Message,
    details: Partial<SentRecord>,
  ): void {
    const parseMode = str(p.parse_mode);
    this.state.sent.push({
      seq: this.state.nextSeq(),
      method,
      chatId: chat.chat.id,
      messageId: message.message_id,
      ...(parseMode ? { parseMode } : {}),
      ...details,
      message,
      params: p,
      at: Date.now(),
    });
    this.state.changed();
  }
}

function commandsKey(p: Params): string {
  const scope = (toObject(p.scope, "scope") as Record<string, unknown> | undefined) ?? { type: "default" };
  const normalized = {
    type: String(scope.type ?? "default"),
    ...(scope.chat_id !== undefined ? { chat_id: String(scope.chat_id) } : {}),
    ...(scope.user_id !== undefined ? { user_id: String(scope.user_id) } : {}),
  };
  return `${JSON.stringify(normalized)}|${typeof p.language_code === "string" ? p.language_code : ""}`;
}

export function commandsKeyFor(scope: Record<string, unknown> | undefined, languageCode?: string): string {
  return commandsKey({ scope, language_code: languageCode });
}

function member(user: ChatMember["user"], status: ChatRecord["botStatus"]): ChatMember {
  switch (status) {
    case "creator":
      return { status, user, is_anonymous: false };
    case "administrator":
      return {
        status,
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        can_pin_messages: true,
      } as ChatMember;
    case "kicked":
      return { status, user, until_date: 0 };
    case "left":
      return { status, user };
    default:
      return { status: "member", user };
  }
}

const isAdmin = (status: ChatRecord["botStatus"]): boolean =>
  status === "creator" || status === "administrator";
const isPresent = (status: ChatRecord["botStatus"]): boolean => status !== "left" && status !== "kicked";
const kindName = (chat: ChatRecord): string =>
  chat.chat.type === "supergroup" ? "supergroup" : chat.chat.type;
const str = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

function toInt(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

function toObject(value: unknown, what: string): unknown {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(`can't parse ${what} JSON object`);
  }
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function topicFields(topic: number | undefined): Record<string, unknown> {
  return topic === undefined ? {} : { message_thread_id: topic, is_topic_message: true };
}
