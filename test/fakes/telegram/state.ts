import { createHash, randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import type {
  BotCommand,
  Chat,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";

export type MemberStatus = "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

export interface UserRecord {
  user: User;
  /** false: the user never pressed Start, so the bot may not write to them privately (403). */
  startedBot: boolean;
  blockedBot: boolean;
}

export interface ChatRecord {
  chat: Chat;
  members: Map<number, MemberStatus>;
  botStatus: MemberStatus;
  lastMessageId: number;
  messages: Map<number, Message>;
  /** forum supergroups: topic id (message_thread_id) → name */
  topics?: Map<number, string>;
}

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  filePath: string;
  bytes: Buffer;
  /** What Telegram reports; may exceed bytes.length to simulate huge files without allocating them. */
  fileSize: number;
  fileName: string | undefined;
  mimeType: string | undefined;
  width?: number;
  height?: number;
}

/** A file the bot sent (uploaded or reused by file_id). */
export interface SentFile {
  bytes: Buffer;
  fileName: string | undefined;
  /** Sniffed from the bytes (or the file name); grammY always declares application/octet-stream. */
  mimeType: string | undefined;
  fileId: string;
  /** true: uploaded in this request; false: an existing file_id or URL was reused. */
  uploaded: boolean;
  url?: string;
  width?: number;
  height?: number;
}

/** One message-changing call the bot made: sendMessage, sendPhoto, sendDocument, edit*, deleteMessage. */
export interface SentRecord {
  seq: number;
  method: string;
  chatId: number;
  messageId: number;
  /** The text exactly as the bot sent it (with markup). */
  text?: string;
  caption?: string;
  /** text or caption after parse_mode was applied: what a user sees. */
  plainText?: string;
  entities?: MessageEntity[];
  parseMode?: string;
  replyTo?: number;
  /** the forum topic it was posted in (absent: General, or a chat without topics) */
  topic?: number;
  replyMarkup?: InlineKeyboardMarkup | Record<string, unknown>;
  photo?: SentFile;
  document?: SentFile;
  /** The stored message after the call (absent for deleteMessage). */
  message?: Message;
  params: Record<string, unknown>;
  at: number;
}

export interface ApiCall {
  seq: number;
  method: string;
  params: Record<string, unknown>;
  status: number;
  description?: string;
  at: number;
}

export interface ChatActionRecord {
  chatId: number;
  action: string;
  topic?: number;
  at: number;
}

export interface CallbackAnswer {
  callbackQueryId: string;
  text?: string;
  showAlert?: boolean;
  url?: string;
  at: number;
}

export interface Fault {
  error_code: number;
  description?: string;
  retry_after?: number;
  /** "json" (default): a Telegram error body; "html": an nginx-style HTML page; "drop": the socket is destroyed. */
  kind?: "json" | "html" | "drop";
}

export interface WebhookConfig {
  url: string;
  secretToken?: string;
  allowedUpdates?: string[];
  maxConnections: number;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

export interface WebhookDelivery {
  updateId: number;
  status?: number;
  error?: string;
  at: number;
}

export interface QueuedUpdate {
  update: Update;
  /** A redelivery (deliverTwice): returned whatever the offset, like after a crash before confirming. */
  forced: boolean;
  returned: boolean;
}

export const DEFAULT_ALLOWED_UPDATES_EXCLUDED = ["chat_member", "message_reaction", "message_reaction_count"];

/** Everything the fake server knows. Mutated by the Bot API handlers and the test-side API. */
export class TelegramState {
  readonly events = new EventEmitter();
  readonly users = new Map<number, UserRecord>();
  readonly chats = new Map<number, ChatRecord>();
  readonly filesById = new Map<string, StoredFile>();
  readonly filesByPath = new Map<string, StoredFile>();
  readonly callbackQueries = new Map<string, { answered: boolean }>();
  readonly commands = new Map<string, BotCommand[]>();
  readonly botTexts = new Map<string, string>();
  readonly faults = new Map<string, Fault[]>();
  readonly queue: QueuedUpdate[] = [];
  /** update_id → how many times it was queued / confirmed handled. */
  readonly enqueued = new Map<number, number>();
  readonly handled = new Map<number, number>();

  readonly sent: SentRecord[] = [];
  readonly calls: ApiCall[] = [];
  readonly chatActions: ChatActionRecord[] = [];
  readonly callbackAnswers: CallbackAnswer[] = [];
  readonly webhookDeliveries: WebhookDelivery[] = [];

  webhook: WebhookConfig | undefined;
  allowedUpdates: string[] | undefined;
  /** Privacy mode on: in groups where it isn't admin, the bot only sees commands, replies to it and mentions. */
  privacyMode = false;
  lastUpdateId = 0;
  private lastUserId = 100_000;
  private lastChatId = 0;
  private lastFile = 0;
  private seq = 0;

  constructor(
    readonly token: string,
    readonly bot: UserFromGetMe,
  ) {}

  nextSeq(): number {
    return ++this.seq;
  }

  changed(): void {
    this.events.emit("changed");
  }

  newUserId(): number {
    return ++this.lastUserId;
  }

  newGroupId(supergroup: boolean): number {
    const n = ++this.lastChatId;
    return supergroup ? -(1_000_000_000_000 + n) : -(4_000_000_000 + n);
  }

  now(): number {
    return Math.floor(Date.now() / 1000);
  }

  nextMessageId(chat: ChatRecord): number {
    chat.lastMessageId += 1;
    return chat.lastMessageId;
  }

  /** The private chat between a user and the bot; its id is the user's id. */
  privateChat(user: User): ChatRecord {
    const existing = this.chats.get(user.id);
    if (existing) return existing;
    const chat = {
      id: user.id,
      type: "private" as const,
      first_name: user.first_name,
      ...(user.last_name ? { last_name: user.last_name } : {}),
      ...(user.username ? { username: user.username } : {}),
    };
    const record: ChatRecord = {
      chat,
      members: new Map(),
      botStatus: "member",
      lastMessageId: 0,
      messages: new Map(),
    };
    this.chats.set(user.id, record);
    return record;
  }

  storeFile(input: {
    bytes: Buffer;
    kind: "documents" | "photos";
    fileName?: string;
    mimeType?: string;
    fileSize?: number;
    width?: number;
    height?: number;
  }): StoredFile {
    const n = ++this.lastFile;
    const prefix = input.kind === "photos" ? "AgACAgIAAxk" : "BQACAgIAAxk";
    const extension =
      input.kind === "photos" ? "jpg" : (input.fileName?.split(".").pop()?.toLowerCase() ?? "dat");
    const file: StoredFile = {
      fileId: `${prefix}${n}_${randomBytes(12).toString("base64url")}`,
      fileUniqueId: `AgAD${createHash("sha256").update(input.bytes).digest("base64url").slice(0, 12)}`,
      filePath: `${input.kind}/file_${n}.${extension}`,
      bytes: input.bytes,
      fileSize: input.fileSize ?? input.bytes.length,
      fileName: input.fileName,
      mimeType: input.mimeType,
      ...(input.width !== undefined ? { width: input.width } : {}),
      ...(input.height !== undefined ? { height: input.height } : {}),
    };
    this.filesById.set(file.fileId, file);
    this.filesByPath.set(file.filePath, file);
    return file;
  }

  enqueue(update: Update, forced = false): void {
    this.queue.push({ update, forced, returned: false });
    this.enqueued.set(update.update_id, (this.enqueued.get(update.update_id) ?? 0) + 1);
    this.events.emit("update");
    this.changed();
  }

  markHandled(entry: QueuedUpdate): void {
    const index = this.queue.indexOf(entry);
    if (index >= 0) this.queue.splice(index, 1);
    const id = entry.update.update_id;
    this.handled.set(id, (this.handled.get(id) ?? 0) + 1);
    this.changed();
  }

  isAllowed(update: Update, allowed: string[] | undefined): boolean {
    const type = Object.keys(update).find((key) => key !== "update_id");
    if (type === undefined) return false;
    if (allowed === undefined || allowed.length === 0)
      return !DEFAULT_ALLOWED_UPDATES_EXCLUDED.includes(type);
    return allowed.includes(type);
  }
}
