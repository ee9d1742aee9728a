import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGateway } from "./gateway.ts";
import { InteractionHandle } from "./interaction-handle.ts";
import {
  type ApiRequest,
  messageForSession,
  newInteractionRecord,
  RestApi,
  type UploadedPart,
} from "./rest.ts";
import { ApiError, type InteractionRecord, World } from "./state.ts";
import type {
  EventInput,
  FakeChannel,
  FakeDiscordEvent,
  FakeDiscordOptions,
  FakeGuild,
  FakeMember,
  FakeMessage,
  FakeUser,
  FileInput,
  InteractionResponse,
  RegisteredCommand,
  RequestRecord,
} from "./types.ts";
import {
  compileRoutePattern,
  DEFAULT_EVERYONE_PERMISSIONS,
  Intent,
  isoNow,
  type Json,
  Perm,
  PRIVILEGED_INTENTS,
  randomToken,
  snowflake,
} from "./util.ts";

type Ref = string | { id: string };
const idOf = (ref: Ref): string => (typeof ref === "string" ? ref : ref.id);

/** A value for a slash-command option. Files become attachment options (type 11). */
export type OptionValue = string | number | boolean | FileInput;

interface Injection {
  matches: (method: string, path: string) => boolean;
  status: number;
  body: Json;
  headers: Record<string, string>;
  remaining: number;
}

export interface FailOptions {
  /** How many matching requests fail (default 1). */
  times?: number;
  /** 429 only: seconds, sent as `retry_after` and `Retry-After` (default 0.05). */
  retryAfter?: number;
  /** 429 only: a global rate limit (`X-RateLimit-Global`). */
  global?: boolean;
}

const OPTION_TYPES = {
  SubCommand: 1,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Number: 10,
  Attachment: 11,
} as const;

/**
 * A stand-in Discord (REST v10 + gateway + attachment CDN) on 127.0.0.1, for driving the real discord.js
 * client end to end. Point the client at it with `rest: { api: fake.apiRoot }` and `client.login(fake.token)`.
 */
export class FakeDiscord {
  readonly token: string;
  private readonly world: World;
  private readonly gateway: FakeGateway;
  private readonly rest: RestApi;
  private readonly server: Server;
  private readonly emitter = new EventEmitter();
  private readonly log: FakeDiscordEvent[] = [];
  private readonly injections: Injection[] = [];
  private readonly responseLog = new Map<string, InteractionResponse[]>();
  private readonly ackTimeoutMs: number;
  private seq = 0;

  constructor(options: FakeDiscordOptions = {}) {
    this.world = new World(
      options.botUsername ?? "Ronald Pump",
      options.botPermissions ?? defaultBotPermissions(),
    );
    this.token =
      options.token ??
      `${Buffer.from(this.world.applicationId).toString("base64url")}.${randomToken(4)}.${randomToken(27)}`;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 3000;
    const allowed = options.allowedPrivilegedIntents ?? {};
    const allowedBits =
      (allowed.guildMembers === false ? 0 : Intent.GuildMembers) |
      (allowed.guildPresences === false ? 0 : Intent.GuildPresences) |
      (allowed.messageContent === false ? 0 : Intent.MessageContent);
    this.gateway = new FakeGateway(this.world, {
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      allowedPrivilegedIntents: allowedBits & PRIVILEGED_INTENTS,
      emit: (e) => this.emit(e),
    });
    this.rest = new RestApi({
      world: this.world,
      gateway: this.gateway,
      token: this.token,
      emit: (e) => this.emit(e),
      recordResponse: (rec, r) => this.recordResponse(rec, r),
    });
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.on("upgrade", (req, socket, head) => this.gateway.handleUpgrade(req, socket, head));
    this.emitter.setMaxListeners(0);
  }

  // ================================================================== lifecycle

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.world.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const rec of this.world.interactions.values()) if (rec.ackTimer) clearTimeout(rec.ackTimer);
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** `http://127.0.0.1:PORT` — attachments are served below it. */
  get baseUrl(): string {
    return this.world.baseUrl;
  }
  /** Give this to discord.js as `rest: { api }` (it appends `/v10`). Same as DISCORD_API_ROOT. */
  get apiRoot(): string {
    return `${this.world.baseUrl}/api`;
  }
  get gatewayUrl(): string {
    return this.gateway.url;
  }
  get applicationId(): string {
    return this.world.applicationId;
  }
  get botUser(): FakeUser {
    return this.world.botUser;
  }

  // ================================================================== world setup

  addUser(input: {
    username: string;
    globalName?: string | null;
    bot?: boolean;
    blocksDms?: boolean;
  }): FakeUser {
    const user: FakeUser = {
      id: snowflake(),
      username: input.username,
      globalName: input.globalName ?? null,
      bot: input.bot ?? false,
      blocksDms: input.blocksDms ?? false,
    };
    this.world.users.set(user.id, user);
    return user;
  }

  /** A user who closed DMs: `user.send()` fails with 50007 "Cannot send messages to this user". */
  setBlocksDms(user: Ref, blocks = true): void {
    this.world.user(idOf(user)).blocksDms = blocks;
  }

  /** Creates a guild with the owner and the bot as members; dispatches GUILD_CREATE if a bot is connected. */
  addGuild(input: { name: string; ownerId: Ref }): FakeGuild {
    const id = snowflake();
    const ownerId = idOf(input.ownerId);
    this.world.user(ownerId);
    const botRole = {
      id: snowflake(),
      name: this.world.botUser.username,
      permissions: this.world.botPermissions,
      managed: true,
      botId: this.world.applicationId,
    };
    const guild: FakeGuild = {
      id,
      name: input.name,
      ownerId,
      roles: [{ id, name: "@everyone", permissions: DEFAULT_EVERYONE_PERMISSIONS, managed: false }, botRole],
      members: new Map(),
      joinedAt: isoNow(),
    };
    guild.members.set(this.world.applicationId, {
      userId: this.world.applicationId,
      roleIds: [botRole.id],
      nick: null,
      joinedAt: isoNow(),
    });
    guild.members.set(ownerId, { userId: ownerId, roleIds: [], nick: null, joinedAt: isoNow() });
    this.world.guilds.set(id, guild);
    if (this.gateway.hasSession()) {
      this.gateway.dispatch("GUILD_CREATE", (s) =>
        this.world.guildCreateJson(guild, (s.intents & Intent.GuildMembers) !== 0),
      );
    }
    return guild;
  }

  /** A text channel. `botCanSend: false` denies the bot SendMessages (50013 Missing Permissions). */
  addChannel(input: { guild: Ref; name: string; botCanSend?: boolean }): FakeChannel {
    const guild = this.world.guild(idOf(input.guild));
    const channel: FakeChannel = {
      id: snowflake(),
      type: 0,
      guildId: guild.id,
      name: input.name,
      recipientId: null,
      botCanSend: input.botCanSend ?? true,
      lastMessageId: null,
    };
    this.world.channels.set(channel.id, channel);
    if (this.gateway.hasSession()) {
      this.gateway.dispatch("CHANNEL_CREATE", () => this.world.channelJson(channel));
    }
    return channel;
  }

  /**
   * Adds a member. `manageGuild: true` gives a "Managers" role with Manage Server (1<<5); `permissions` gives a
   * role with exactly those extra bits. Either way the bits appear in interaction `member.permissions`.
   */
  addMember(
    guildRef: Ref,
    userRef: Ref,
    opts: { permissions?: bigint | number | string; manageGuild?: boolean; nick?: string } = {},
  ): FakeMember {
    const guild = this.world.guild(idOf(guildRef));
    const user = this.world.user(idOf(userRef));
    const roleIds: string[] = [];
    const addRole = (name: string, permissions: bigint) => {
      let role = guild.roles.find((r) => r.name === name && r.permissions === permissions && !r.managed);
      if (!role) {
        role = { id: snowflake(), name, permissions, managed: false };
        guild.roles.push(role);
        if (this.gateway.hasSession()) {
          const position = guild.roles.length - 1;
          this.gateway.dispatch("GUILD_ROLE_CREATE", () => ({
            guild_id: guild.id,
            role: this.world.roleJson(role!, position),
          }));
        }
      }
      roleIds.push(role.id);
    };
    if (opts.manageGuild) addRole("Managers", Perm.ManageGuild);
    if (opts.permissions !== undefined) addRole("Custom", BigInt(opts.permissions));
    const member: FakeMember = { userId: user.id, roleIds, nick: opts.nick ?? null, joinedAt: isoNow() };
    guild.members.set(user.id, member);
    if (this.gateway.hasSession()) {
      this.gateway.dispatch("GUILD_MEMBER_ADD", (s) =>
        s.intents & Intent.GuildMembers
          ? {
              ...this.world.memberJson(guild, member, { withUser: true, withPermissions: false }),
              guild_id: guild.id,
            }
          : "client lacks the GuildMembers intent",
      );
    }
    return member;
  }

  /** Effective guild permissions of a user (what interactions carry as `member.permissions`). */
  permissionsOf(guild: Ref, user: Ref): bigint {
    return this.world.memberPermissions(this.world.guild(idOf(guild)), idOf(user));
  }

  // ================================================================== user actions (gateway dispatches)

  /**
   * A user types a message in a guild channel (MESSAGE_CREATE). Attachments are served by the fake. A reply
   * pings the replied-to author unless `pingReply: false` (the client's "@ ON" toggle, on by default).
   */
  postMessage(input: {
    channel: Ref;
    user: Ref;
    content?: string;
    attachments?: FileInput[];
    replyTo?: Ref;
    pingReply?: boolean;
  }): FakeMessage {
    const channel = this.world.channel(idOf(input.channel));
    const user = this.world.user(idOf(input.user));
    const files = (input.attachments ?? []).map((a) => this.world.storeFile(a, "attachments", channel.id));
    const body: Json = { content: input.content ?? "" };
    if (input.replyTo) body.message_reference = { message_id: idOf(input.replyTo) };
    const message = this.world.createMessage({
      channelId: channel.id,
      authorId: user.id,
      body,
      files,
      pingsReply: input.pingReply ?? true,
    });
    this.emit({ type: "message", message });
    this.gateway.dispatch("MESSAGE_CREATE", (s) => messageForSession(this.world, message, s.intents));
    return message;
  }

  /** A user DMs the bot (MESSAGE_CREATE with no guild_id; discord.js needs Partials.Channel to see it). */
  postDm(input: { user: Ref; content?: string; attachments?: FileInput[] }): FakeMessage {
    const channel = this.world.dmChannelFor(idOf(input.user));
    return this.postMessage({ ...input, channel: channel.id });
  }

  /**
   * A user runs a slash command. Option types come from the registered command when there is one (so an
   * integer option gets type 4), otherwise from the JS value. Returns a handle to await the bot's response.
   */
  slashCommand(input: {
    channel: Ref;
    user: Ref;
    name: string;
    guild?: Ref;
    subcommand?: string;
    options?: Record<string, OptionValue>;
    /** Throw if the command was not registered (globally or in the guild). Default false. */
    requireRegistered?: boolean;
  }): InteractionHandle {
    const channel = this.world.channel(idOf(input.channel));
    const guildId = input.guild ? idOf(input.guild) : channel.guildId;
    const user = this.world.user(idOf(input.user));
    const registered =
      (guildId
        ? this.world.commandsFor(guildId).find((c) => c.name === input.name && c.type === 1)
        : undefined) ?? this.world.globalCommands.find((c) => c.name === input.name && c.type === 1);
    if (!registered && input.requireRegistered) {
      throw new Error(`FakeDiscord: /${input.name} is not registered (global or guild ${guildId})`);
    }
    const rec = newInteractionRecord({
      type: 2,
      userId: user.id,
      channelId: channel.id,
      guildId,
      commandName: input.name,
    });
    let schema: Json[] = registered?.options ?? [];
    if (input.subcommand) {
      schema = (schema.find((o) => o.name === input.subcommand)?.options as Json[] | undefined) ?? [];
    }
    const resolved: { attachments?: Json; users?: Json; members?: Json; channels?: Json } = {};
    const options = Object.entries(input.options ?? {}).map(([name, value]) => {
      const declared = schema.find((o) => o.name === name);
      if (registered && !declared) throw new Error(`FakeDiscord: /${input.name} has no option "${name}"`);
      return this.buildOption(
        name,
        value,
        declared ? Number(declared.type) : undefined,
        channel.id,
        guildId,
        resolved,
      );
    });
    const data: Json = {
      id: registered?.id ?? snowflake(),
      name: input.name,
      type: 1,
      options: input.subcommand
        ? [{ name: input.subcommand, type: OPTION_TYPES.SubCommand, options }]
        : options,
      ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
      ...(registered?.guildId ? { guild_id: registered.guildId } : {}),
    };
    return this.dispatchInteraction(rec, { data });
  }

  /** A user clicks a button (component type 2) on a message the bot sent. */
  pressButton(input: { message: Ref; customId: string; user: Ref }): InteractionHandle {
    return this.useComponent(input.message, input.customId, input.user, 2, {});
  }

  /** A user picks values in a string select menu (component type 3). */
  selectMenu(input: { message: Ref; customId: string; user: Ref; values: string[] }): InteractionHandle {
    return this.useComponent(input.message, input.customId, input.user, 3, { values: input.values });
  }

  private useComponent(messageRef: Ref, customId: string, userRef: Ref, componentType: number, extra: Json) {
    const message = this.world.messages.get(idOf(messageRef));
    if (!message || message.deleted) throw new Error(`FakeDiscord: unknown message ${idOf(messageRef)}`);
    const component = findComponent(message.components, customId);
    if (!component) throw new Error(`FakeDiscord: message ${message.id} has no component "${customId}"`);
    if (component.type !== componentType) {
      throw new Error(
        `FakeDiscord: component "${customId}" has type ${component.type}, not ${componentType}`,
      );
    }
    if (component.disabled) throw new Error(`FakeDiscord: component "${customId}" is disabled`);
    const user = this.world.user(idOf(userRef));
    const rec = newInteractionRecord({
      type: 3,
      userId: user.id,
      channelId: message.channelId,
      guildId: message.guildId,
      sourceMessageId: message.id,
    });
    return this.dispatchInteraction(rec, {
      data: { custom_id: customId, component_type: componentType, ...extra },
      message: message.raw,
    });
  }

  private buildOption(
    name: string,
    value: OptionValue,
    declaredType: number | undefined,
    channelId: string,
    guildId: string | null,
    resolved: { attachments?: Json; users?: Json; members?: Json; channels?: Json },
  ): Json {
    if (typeof value === "object") {
      const file = this.world.storeFile(value, "ephemeral-attachments", channelId);
      resolved.attachments ??= {};
      resolved.attachments[file.id] = this.world.attachmentJson(file, true);
      return { name, type: OPTION_TYPES.Attachment, value: file.id };
    }
    const type =
      declaredType ??
      (typeof value === "boolean"
        ? OPTION_TYPES.Boolean
        : typeof value === "number"
          ? Number.isInteger(value)
            ? OPTION_TYPES.Integer
            : OPTION_TYPES.Number
          : OPTION_TYPES.String);
    if (type === OPTION_TYPES.User) {
      const user = this.world.user(String(value));
      resolved.users ??= {};
      resolved.users[user.id] = this.world.userJson(user);
      const guild = guildId ? this.world.guilds.get(guildId) : undefined;
      const member = guild?.members.get(user.id);
      if (guild && member) {
        resolved.members ??= {};
        resolved.members[user.id] = this.world.memberJson(guild, member, {
          withUser: false,
          withPermissions: true,
        });
      }
      return { name, type, value: user.id };
    }
    if (type === OPTION_TYPES.Channel) {
      // a channel option carries the channel's id; Discord resolves it (with the member's permissions there)
      const picked = this.world.channel(String(value));
      resolved.channels ??= {};
      resolved.channels[picked.id] = { ...this.world.channelJson(picked), permissions: "0" };
      return { name, type, value: picked.id };
    }
    return { name, type, value };
  }

  private dispatchInteraction(rec: InteractionRecord, specific: Json): InteractionHandle {
    const world = this.world;
    const channel = world.channel(rec.channelId);
    const guild = rec.guildId ? world.guild(rec.guildId) : null;
    const user = world.user(rec.userId);
    const member = guild?.members.get(user.id);
    if (guild && !member)
      throw new Error(`FakeDiscord: user ${user.id} is not a member of guild ${guild.id}`);
    rec.raw = {
      id: rec.id,
      application_id: world.applicationId,
      type: rec.type,
      token: rec.token,
      version: 1,
      ...specific,
      channel_id: channel.id,
      channel: world.channelJson(channel),
      locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: guild ? { "0": guild.id } : { "1": user.id },
      context: guild ? 0 : 1,
      attachment_size_limit: 10 * 1024 * 1024,
      app_permissions: (guild ? world.memberPermissions(guild, world.applicationId) : 0n).toString(),
      ...(guild && member
        ? {
            guild_id: guild.id,
            guild: { id: guild.id, locale: "en-US", features: [] },
            guild_locale: "en-US",
            member: world.memberJson(guild, member, { withUser: true, withPermissions: true }),
          }
        : { user: world.userJson(user) }),
    };
    world.interactions.set(rec.id, rec);
    world.interactionsByToken.set(rec.token, rec);
    this.responseLog.set(rec.id, []);
    this.gateway.dispatch("INTERACTION_CREATE", () => rec.raw);
    rec.createdAt = Date.now();
    rec.ackTimer = setTimeout(() => {
      rec.ackTimer = null;
      if (rec.acknowledged) return;
      rec.expired = true;
      this.emit({ type: "interactionExpired", interactionId: rec.id });
    }, this.ackTimeoutMs);
    rec.ackTimer.unref();
    return new InteractionHandle(this, rec.id, rec.token);
  }

  private recordResponse(
    rec: InteractionRecord,
    r: Omit<InteractionResponse, "afterMs" | "interactionId">,
  ): void {
    const response: InteractionResponse = {
      ...r,
      interactionId: rec.id,
      afterMs: Date.now() - rec.createdAt,
    };
    this.responseLog.get(rec.id)?.push(response);
    this.emit({ type: "interactionResponse", interactionId: rec.id, response });
  }

  // ================================================================== inspection

  /** Everything the bot sent for an interaction, in order: callback, edits, followups, deletions. */
  responses(interactionId: string): InteractionResponse[] {
    return [...(this.responseLog.get(interactionId) ?? [])];
  }

  interactionState(interactionId: string): {
    acknowledged: boolean;
    expired: boolean;
    callbackType: number | null;
    originalMessageId: string | null;
    followupIds: string[];
  } {
    const rec = this.world.interactions.get(interactionId);
    if (!rec) throw new Error(`FakeDiscord: unknown interaction ${interactionId}`);
    return {
      acknowledged: rec.acknowledged,
      expired: rec.expired,
      callbackType: rec.callbackType,
      originalMessageId: rec.originalMessageId,
      followupIds: [...rec.followupIds],
    };
  }

  /** Interactions the bot failed to acknowledge within the ack window (3 s). */
  expiredInteractions(): string[] {
    return [...this.world.interactions.values()].filter((r) => r.expired).map((r) => r.id);
  }

  /** Latest version of a message (ephemeral and deleted ones included). */
  message(id: string): FakeMessage | undefined {
    return this.world.messages.get(id);
  }

  /** Visible (non-ephemeral, not deleted) messages of a channel, oldest first, latest versions. */
  channelMessages(channel: Ref): FakeMessage[] {
    return this.world.channelMessageIds(idOf(channel)).map((id) => this.world.messages.get(id)!);
  }

  /** Messages in the DM channel between the bot and a user (both directions), oldest first. */
  dms(user: Ref): FakeMessage[] {
    const channel = [...this.world.channels.values()].find(
      (c) => c.type === 1 && c.recipientId === idOf(user),
    );
    return channel ? this.channelMessages(channel.id) : [];
  }

  /** Registered commands: global without argument, or a guild's. */
  commands(guild?: Ref): RegisteredCommand[] {
    return [...this.world.commandsFor(guild ? idOf(guild) : null)];
  }

  guild(id: Ref): FakeGuild {
    return this.world.guild(idOf(id));
  }

  channel(id: Ref): FakeChannel {
    return this.world.channel(idOf(id));
  }

  /** Every HTTP request the fake served (API and CDN), with status. */
  requests(): RequestRecord[] {
    return this.log.flatMap((e) => (e.type === "request" ? [e.request] : []));
  }

  /** The full event log, oldest first. */
  events(): FakeDiscordEvent[] {
    return [...this.log];
  }

  /** Sequence number of the latest event; pass as `after` to wait only for later events. */
  mark(): number {
    return this.seq;
  }

  /**
   * Resolves with the first event (already logged or future) matching `predicate`, with `seq > after`.
   * Rejects after `timeoutMs` with a summary of recent events. No polling: driven by the event emitter.
   */
  waitFor<E extends FakeDiscordEvent = FakeDiscordEvent>(
    predicate: (event: FakeDiscordEvent) => boolean,
    timeoutMs = 5000,
    opts: { after?: number; failOn?: (event: FakeDiscordEvent) => string | null } = {},
  ): Promise<E> {
    const after = opts.after ?? 0;
    return new Promise<E>((resolve, reject) => {
      const check = (event: FakeDiscordEvent): boolean => {
        if (event.seq <= after) return false;
        const failure = opts.failOn?.(event);
        if (failure) {
          finish();
          reject(new Error(`FakeDiscord.waitFor: ${failure}`));
          return true;
        }
        if (!predicate(event)) return false;
        finish();
        resolve(event as E);
        return true;
      };
      const listener = (event: FakeDiscordEvent) => void check(event);
      const timer = setTimeout(() => {
        finish();
        const recent = this.log
          .filter((e) => e.type !== "heartbeat")
          .slice(-15)
          .map((e) => describe(e))
          .join("\n  ");
        reject(
          new Error(`FakeDiscord.waitFor: timed out after ${timeoutMs} ms. Recent events:\n  ${recent}`),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.emitter.off("event", listener);
      };
      for (const event of this.log) if (check(event)) return;
      this.emitter.on("event", listener);
    });
  }

  /** Waits for a (non-ephemeral) message created in a channel, optionally matching `predicate`. */
  async waitForChannelMessage(
    channel: Ref,
    predicate: (m: FakeMessage) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<FakeMessage> {
    const id = idOf(channel);
    const event = await this.waitFor<Extract<FakeDiscordEvent, { type: "message" }>>(
      (e) => e.type === "message" && e.message.channelId === id && predicate(e.message),
      timeoutMs,
    );
    return event.message;
  }

  /** Waits for a DM from the bot to a user. */
  async waitForDm(user: Ref, predicate: (m: FakeMessage) => boolean = () => true, timeoutMs = 5000) {
    const userId = idOf(user);
    const event = await this.waitFor<Extract<FakeDiscordEvent, { type: "message" }>>(
      (e) =>
        e.type === "message" &&
        e.message.guildId === null &&
        e.message.authorId === this.world.applicationId &&
        this.world.channels.get(e.message.channelId)?.recipientId === userId &&
        predicate(e.message),
      timeoutMs,
    );
    return event.message;
  }

  // ================================================================== fault injection

  /**
   * The next matching request(s) fail with `status`. `route` is `"METHOD /path/:param"` (method optional),
   * matched against the path below `/api/v10` (or the CDN path, e.g. `GET /attachments/*`). 429 responses carry
   * `retry_after` and the X-RateLimit-* / Retry-After headers @discordjs/rest reads; 5xx ones are retried by it.
   */
  failNext(route: string, status: number, body?: Json, opts: FailOptions = {}): void {
    const headers: Record<string, string> = {};
    let payload = body;
    if (status === 429) {
      const retryAfter = opts.retryAfter ?? 0.05;
      payload ??= {
        message: "You are being rate limited.",
        retry_after: retryAfter,
        global: opts.global ?? false,
      };
      headers["retry-after"] = String(retryAfter);
      headers["x-ratelimit-limit"] = "5";
      headers["x-ratelimit-remaining"] = "0";
      headers["x-ratelimit-reset"] = ((Date.now() + retryAfter * 1000) / 1000).toFixed(3);
      headers["x-ratelimit-reset-after"] = retryAfter.toFixed(3);
      headers["x-ratelimit-scope"] = opts.global ? "global" : "user";
      if (opts.global) headers["x-ratelimit-global"] = "true";
    }
    payload ??= { message: `${status}: ${status >= 500 ? "Internal Server Error" : "Error"}`, code: 0 };
    this.injections.push({
      matches: compileRoutePattern(route),
      status,
      body: payload,
      headers,
      remaining: opts.times ?? 1,
    });
  }

  // ================================================================== gateway control

  /** op 7 RECONNECT: discord.js reconnects to resume_gateway_url and RESUMEs (missed events are replayed). */
  requestGatewayReconnect(): void {
    this.gateway.requestReconnect();
  }
  /** op 9 INVALID_SESSION. */
  invalidateGatewaySession(resumable = false): void {
    this.gateway.invalidateSessions(resumable);
  }
  /** Cuts the sockets without a close frame (code 1006 on the client); the session stays resumable. */
  dropGatewayConnections(): void {
    this.gateway.dropConnections();
  }
  /** Closes the sockets with a gateway close code (e.g. 4000). */
  closeGatewayConnections(code: number, reason = ""): void {
    this.gateway.closeConnections(code, reason);
  }
  /** Intents of the live gateway sessions. */
  sessionIntents(): number[] {
    return [...this.gateway.sessions.values()].map((s) => s.intents);
  }

  // ================================================================== HTTP

  private emit(input: EventInput): void {
    this.seq += 1;
    const event = { ...input, seq: this.seq } as FakeDiscordEvent;
    this.log.push(event);
    this.emitter.emit("event", event);
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.world.baseUrl);
    const method = (req.method ?? "GET").toUpperCase();
    const isApi = url.pathname.startsWith("/api/");
    const apiMatch = /^\/api\/v10(\/.*)$/.exec(url.pathname);
    const rawPath = apiMatch ? apiMatch[1]! : url.pathname;
    // discord.js sends `@original` as `%40original`; patterns and records use the decoded form.
    const path = safeDecode(rawPath);
    const finish = (status: number, injected = false) =>
      this.emit({ type: "request", request: { method, path, status, injected } });
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch {
      return;
    }

    const injection = this.injections.find((i) => i.remaining > 0 && i.matches(method, path));
    if (injection) {
      injection.remaining -= 1;
      const headers = isApi
        ? { ...this.rateLimitHeaders(method, path), ...injection.headers }
        : injection.headers;
      sendJson(res, injection.status, injection.body, headers);
      finish(injection.status, true);
      return;
    }

    if (!isApi) {
      const file = method === "GET" || method === "HEAD" ? this.world.cdn.get(url.pathname) : undefined;
      if (!file) {
        res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
        finish(404);
        return;
      }
      res.writeHead(200, {
        "content-type": file.contentType,
        "content-length": String(file.bytes.length),
        "cache-control": "public, max-age=31536000",
      });
      res.end(method === "HEAD" ? undefined : file.bytes);
      finish(200);
      return;
    }

    const headers = this.rateLimitHeaders(method, path);
    try {
      if (!apiMatch) throw new ApiError(404, 0, "404: Not Found");
      const parsed = await parseBody(req, raw);
      const apiReq: ApiRequest = {
        method,
        path: rawPath,
        query: url.searchParams,
        headers: req.headers,
        body: parsed.body,
        uploads: parsed.uploads,
      };
      const result = await this.rest.handle(apiReq);
      if (result.body === undefined) res.writeHead(result.status, headers).end();
      else sendJson(res, result.status, result.body, headers);
      finish(result.status);
    } catch (error) {
      if (error instanceof ApiError) {
        sendJson(res, error.status, error.body(), headers);
        finish(error.status);
      } else {
        sendJson(res, 500, { message: "500: Internal Server Error", code: 0 }, headers);
        finish(500);
        // Surface bugs in the fake itself.
        console.error("FakeDiscord internal error", error);
      }
    }
  }

  /** Minimal bucket headers so @discordjs/rest tracks buckets without ever waiting. */
  private rateLimitHeaders(method: string, path: string): Record<string, string> {
    const bucket = Buffer.from(`${method} ${this.rest.templateFor(method, path)}`)
      .toString("base64url")
      .slice(0, 32);
    return {
      "x-ratelimit-limit": "50",
      "x-ratelimit-remaining": "49",
      "x-ratelimit-reset": ((Date.now() + 1000) / 1000).toFixed(3),
      "x-ratelimit-reset-after": "1.000",
      "x-ratelimit-bucket": bucket,
    };
  }
}

function defaultBotPermissions(): bigint {
  return (
    Perm.ViewChannel |
    Perm.SendMessages |
    Perm.EmbedLinks |
    Perm.AttachFiles |
    Perm.ReadMessageHistory |
    Perm.AddReactions |
    Perm.UseExternalEmojis |
    Perm.SendMessagesInThreads
  );
}

function findComponent(components: Json[], customId: string): Json | null {
  for (const c of components) {
    if (c.custom_id === customId) return c;
    for (const key of ["components", "accessory"] as const) {
      const nested = c[key];
      const list = Array.isArray(nested) ? (nested as Json[]) : nested ? [nested as Json] : [];
      const found = findComponent(list, customId);
      if (found) return found;
    }
  }
  return null;
}

function describe(e: FakeDiscordEvent): string {
  switch (e.type) {
    case "request":
      return `#${e.seq} ${e.request.method} ${e.request.path} -> ${e.request.status}${e.request.injected ? " (injected)" : ""}`;
    case "message":
    case "messageUpdate":
    case "messageDelete":
      return `#${e.seq} ${e.type} ${e.message.id} in ${e.message.channelId}: ${JSON.stringify(e.message.content.slice(0, 60))} files=${e.message.files.length}`;
    case "interactionResponse":
      return `#${e.seq} interactionResponse ${e.interactionId} ${e.response.kind}${e.response.callbackType ? ` type ${e.response.callbackType}` : ""}`;
    case "dispatch":
    case "dispatchSkipped":
      return `#${e.seq} ${e.type} ${e.event}${e.type === "dispatchSkipped" ? ` (${e.reason})` : ""}`;
    default:
      return `#${e.seq} ${e.type}`;
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** JSON or multipart/form-data (`payload_json` + `files[n]`), parsed with the WHATWG Request like Discord reads it. */
async function parseBody(
  req: IncomingMessage,
  raw: Buffer,
): Promise<{ body: unknown; uploads: UploadedPart[] }> {
  const type = req.headers["content-type"] ?? "";
  if (raw.length === 0) return { body: null, uploads: [] };
  if (type.startsWith("multipart/form-data")) {
    const form = await new Request("http://fake.invalid/", {
      method: "POST",
      headers: { "content-type": type },
      body: raw,
    }).formData();
    let body: unknown = null;
    const uploads: UploadedPart[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        if (field === "payload_json") body = parseJson(value);
        continue;
      }
      const key = /^files\[(\d+)\]$/.exec(field)?.[1] ?? field;
      uploads.push({
        key,
        filename: value.name,
        contentType: value.type,
        bytes: Buffer.from(await value.arrayBuffer()),
      });
    }
    return { body, uploads };
  }
  return { body: parseJson(raw.toString("utf8")), uploads: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 50109, "The request body contains invalid JSON.");
  }
}
