import type { Json } from "./util.ts";

export interface FakeDiscordOptions {
  /** Bot token the fake accepts (REST `Authorization: Bot <token>` and gateway IDENTIFY). Generated if omitted. */
  token?: string;
  botUsername?: string;
  /** Gateway HELLO heartbeat_interval. Discord sends ~41250; discord.js waits a random part of it first. */
  heartbeatIntervalMs?: number;
  /** How long the bot has to send the initial interaction callback (Discord: 3 s). */
  ackTimeoutMs?: number;
  /** Privileged intents enabled in the "developer portal"; asking for others closes the gateway with 4014. */
  allowedPrivilegedIntents?: { guildMembers?: boolean; guildPresences?: boolean; messageContent?: boolean };
  /** Permissions of the bot's managed role in every guild (bitfield). */
  botPermissions?: bigint;
}

export interface FakeUser {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  /** When true, sending this user a DM fails with 50007 like a user who closed DMs. */
  blocksDms: boolean;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: bigint;
  managed: boolean;
  botId?: string;
}

export interface FakeMember {
  userId: string;
  roleIds: string[];
  nick: string | null;
  joinedAt: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  roles: FakeRole[];
  members: Map<string, FakeMember>;
  joinedAt: string;
}

export interface FakeChannel {
  id: string;
  /** 0 guild text, 1 DM */
  type: number;
  guildId: string | null;
  name: string | null;
  /** DM channels: the other user. */
  recipientId: string | null;
  /** When false, the bot gets 50013 Missing Permissions posting here. */
  botCanSend: boolean;
  lastMessageId: string | null;
}

/** A file as stored by the fake (uploaded by the bot, or attached by a test user). */
export interface FakeFile {
  id: string;
  name: string;
  contentType: string;
  bytes: Buffer;
  description: string | null;
  /** http URL served by the fake; fetchable. */
  url: string;
}

export interface FileInput {
  filename: string;
  contentType?: string;
  bytes: Uint8Array | Buffer | string;
  description?: string;
}

/** A message, as the fake knows it at one point in time (edits produce a new object). */
export interface FakeMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  authorId: string;
  content: string;
  embeds: Json[];
  components: Json[];
  flags: number;
  ephemeral: boolean;
  /** Deferred response still "thinking" (flag LOADING). */
  loading: boolean;
  files: FakeFile[];
  /** message_reference.message_id, for replies. */
  replyTo: string | null;
  /** A reply that pings the author it replies to (the Discord client's default): they are in `mentions`. */
  pingsReply: boolean;
  /** The interaction this message answers, if any. */
  interactionId: string | null;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  /** The message object exactly as the fake returns it over the API. */
  raw: Json;
}

export type InteractionResponseKind =
  | "callback"
  | "editOriginal"
  | "deleteOriginal"
  | "followup"
  | "editFollowup"
  | "deleteFollowup";

export interface InteractionResponse {
  kind: InteractionResponseKind;
  interactionId: string;
  /** For `callback`: 4 reply, 5 deferred reply, 6 deferred update, 7 update message, 9 modal… */
  callbackType: number | null;
  /** Milliseconds since the interaction was dispatched. */
  afterMs: number;
  content: string | null;
  embeds: Json[];
  components: Json[];
  flags: number;
  ephemeral: boolean;
  files: FakeFile[];
  /** The JSON body (payload_json for multipart) the bot sent. */
  body: Json;
  /** The message created/edited/deleted by this response (snapshot after it was applied). */
  message: FakeMessage | null;
}

export interface RegisteredCommand {
  id: string;
  applicationId: string;
  guildId: string | null;
  name: string;
  type: number;
  description: string;
  options: Json[];
  defaultMemberPermissions: string | null;
  raw: Json;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  injected: boolean;
}

export type FakeDiscordEvent = { seq: number } & (
  | { type: "request"; request: RequestRecord }
  | { type: "identify"; intents: number; compress: boolean }
  | { type: "ready"; sessionId: string }
  | { type: "resumed"; sessionId: string; replayed: number }
  | { type: "gatewayClosed"; code: number; reason: string }
  | { type: "heartbeat"; lastSequence: number | null }
  | { type: "dispatch"; event: string; s: number }
  | { type: "dispatchSkipped"; event: string; reason: string }
  | { type: "message"; message: FakeMessage }
  | { type: "messageUpdate"; message: FakeMessage }
  | { type: "messageDelete"; message: FakeMessage }
  | { type: "interactionResponse"; interactionId: string; response: InteractionResponse }
  | { type: "interactionExpired"; interactionId: string }
  | { type: "commands"; guildId: string | null; commands: RegisteredCommand[] }
);

/** Distributes over the union so callers can build events without `seq`. */
export type EventInput = FakeDiscordEvent extends infer E
  ? E extends unknown
    ? Omit<E, "seq">
    : never
  : never;
