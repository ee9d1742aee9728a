import type { FakeGateway } from "./gateway.ts";
import { ApiError, Errors, type InteractionRecord, MessageFlag, type World } from "./state.ts";
import type {
  EventInput,
  FakeFile,
  FakeMessage,
  InteractionResponse,
  InteractionResponseKind,
  RegisteredCommand,
} from "./types.ts";
import { Intent, type Json, snowflake } from "./util.ts";

export interface UploadedPart {
  /** the `n` of `files[n]` (or the raw field name when it has another shape) */
  key: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface ApiRequest {
  method: string;
  /** path below /api/v10, e.g. /channels/1/messages */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  uploads: UploadedPart[];
}

export interface ApiResult {
  status: number;
  body?: unknown;
}

export interface RestContext {
  world: World;
  gateway: FakeGateway;
  token: string;
  emit(event: EventInput): void;
  recordResponse(
    rec: InteractionRecord,
    response: Omit<InteractionResponse, "afterMs" | "interactionId">,
  ): void;
}

type Handler = (req: ApiRequest, params: Record<string, string>) => ApiResult | Promise<ApiResult>;

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  auth: boolean;
  handler: Handler;
}

const ok = (body: unknown): ApiResult => ({ status: 200, body });
const noContent: ApiResult = { status: 204 };

/** The REST v10 surface discord.js uses, with Discord's error codes and checks. */
export class RestApi {
  private readonly routes: Route[] = [];

  constructor(private readonly ctx: RestContext) {
    const w = ctx.world;
    const r = (method: string, pattern: string, handler: Handler, auth = true) => {
      const source = pattern.replace(/[.@]/g, "\\$&").replace(/:(\w+)/g, "(?<$1>[^/]+)");
      this.routes.push({ method, pattern, regex: new RegExp(`^${source}/?$`), auth, handler });
    };

    r("GET", "/gateway", () => ok({ url: ctx.gateway.url }), false);
    r("GET", "/gateway/bot", () =>
      ok({
        url: ctx.gateway.url,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      }),
    );
    r("GET", "/users/@me", () =>
      ok({ ...w.userJson(w.botUser), verified: true, mfa_enabled: false, email: null }),
    );
    r("GET", "/users/:userId", (_q, p) => {
      const user = w.users.get(p.userId!);
      if (!user) throw Errors.unknownUser();
      return ok(w.userJson(user));
    });
    r("POST", "/users/@me/channels", (q) => {
      const recipient = String((q.body as Json | null)?.recipient_id ?? "");
      const user = w.users.get(recipient);
      if (!user)
        throw Errors.invalidForm(
          "recipient_id",
          "NUMBER_TYPE_COERCE",
          `Value "${recipient}" is not snowflake.`,
        );
      return ok(w.channelJson(w.dmChannelFor(user.id)));
    });
    r("GET", "/applications/@me", () =>
      ok({
        id: w.applicationId,
        name: w.botUser.username,
        icon: null,
        description: "",
        summary: "",
        type: null,
        bot_public: false,
        bot_require_code_grant: false,
        verify_key: "0".repeat(64),
        flags: 0,
        owner: w.userJson(w.botUser),
        team: null,
        bot: w.userJson(w.botUser),
        approximate_guild_count: w.guilds.size,
        integration_types_config: { "0": {} },
        install_params: null,
        tags: [],
      }),
    );

    // ------------------------------------------------------------------ commands
    const scope = (p: Record<string, string>): string | null => {
      if (p.appId !== w.applicationId) throw Errors.unknownApplication();
      if (p.guildId === undefined) return null;
      if (!w.guilds.has(p.guildId)) throw Errors.missingAccess();
      return p.guildId;
    };
    const commandsChanged = (guildId: string | null, commands: RegisteredCommand[]) =>
      ctx.emit({ type: "commands", guildId, commands });
    for (const base of ["/applications/:appId/commands", "/applications/:appId/guilds/:guildId/commands"]) {
      r("GET", base, (_q, p) => ok(w.commandsFor(scope(p)).map((c) => c.raw)));
      r("PUT", base, (q, p) => {
        const guildId = scope(p);
        const commands = w.overwriteCommands(guildId, q.body);
        commandsChanged(guildId, commands);
        return ok(commands.map((c) => c.raw));
      });
      r("POST", base, (q, p) => {
        const guildId = scope(p);
        const body = q.body as Json;
        const others = w
          .commandsFor(guildId)
          .filter((c) => !(c.name === body.name && c.type === Number(body.type ?? 1)));
        const commands = w.overwriteCommands(guildId, [...others.map((c) => c.raw), body]);
        commandsChanged(guildId, commands);
        return { status: 201, body: commands.find((c) => c.name === body.name)!.raw };
      });
      r("GET", `${base}/:commandId`, (_q, p) => {
        const cmd = w.commandsFor(scope(p)).find((c) => c.id === p.commandId);
        if (!cmd) throw new ApiError(404, 10063, "Unknown application command");
        return ok(cmd.raw);
      });
      r("DELETE", `${base}/:commandId`, (_q, p) => {
        const guildId = scope(p);
        const list = w.commandsFor(guildId);
        if (!list.some((c) => c.id === p.commandId))
          throw new ApiError(404, 10063, "Unknown application command");
        const commands = w.overwriteCommands(
          guildId,
          list.filter((c) => c.id !== p.commandId).map((c) => c.raw),
        );
        commandsChanged(guildId, commands);
        return noContent;
      });
    }

    // ------------------------------------------------------------------ guilds
    const guildOf = (id: string) => {
      const guild = w.guilds.get(id);
      if (!guild) throw Errors.unknownGuild();
      return guild;
    };
    r("GET", "/guilds/:guildId", (q, p) => {
      const guild = guildOf(p.guildId!);
      const counts = q.query.get("with_counts") === "true";
      return ok({
        ...w.guildJson(guild),
        ...(counts ? { approximate_member_count: guild.members.size, approximate_presence_count: 0 } : {}),
      });
    });
    r("GET", "/guilds/:guildId/channels", (_q, p) => {
      guildOf(p.guildId!);
      return ok([...w.channels.values()].filter((c) => c.guildId === p.guildId).map((c) => w.channelJson(c)));
    });
    r("GET", "/guilds/:guildId/roles", (_q, p) =>
      ok(guildOf(p.guildId!).roles.map((role, i) => w.roleJson(role, i))),
    );
    r("GET", "/guilds/:guildId/members/:userId", (_q, p) => {
      const guild = guildOf(p.guildId!);
      const member = guild.members.get(p.userId!);
      if (!member) throw Errors.unknownMember();
      return ok(w.memberJson(guild, member, { withUser: true, withPermissions: false }));
    });

    // ------------------------------------------------------------------ channels and messages
    const channelOf = (id: string) => {
      const channel = w.channels.get(id);
      if (!channel) throw Errors.unknownChannel();
      return channel;
    };
    const messageIn = (channelId: string, messageId: string): FakeMessage => {
      const msg = w.messages.get(messageId);
      if (!msg || msg.deleted || msg.channelId !== channelId || msg.ephemeral) throw Errors.unknownMessage();
      return msg;
    };
    r("GET", "/channels/:channelId", (_q, p) => ok(w.channelJson(channelOf(p.channelId!))));
    r("POST", "/channels/:channelId/typing", (_q, p) => {
      channelOf(p.channelId!);
      return noContent;
    });
    r("GET", "/channels/:channelId/messages", (q, p) => {
      channelOf(p.channelId!);
      const limit = Math.min(Number(q.query.get("limit") ?? 50), 100);
      const ids = w.channelMessageIds(p.channelId!).slice().reverse().slice(0, limit);
      return ok(ids.map((id) => w.messages.get(id)!.raw));
    });
    r("GET", "/channels/:channelId/messages/:messageId", (_q, p) =>
      ok(messageIn(p.channelId!, p.messageId!).raw),
    );
    r("POST", "/channels/:channelId/messages", (q, p) => {
      const channel = channelOf(p.channelId!);
      if (channel.type === 1) {
        const recipient = w.user(channel.recipientId!);
        if (recipient.blocksDms || recipient.bot) throw Errors.cannotDm();
      } else if (!channel.botCanSend) {
        throw Errors.missingPermissions();
      }
      const body = (q.body ?? {}) as Json;
      const ref = body.message_reference as Json | undefined;
      if (ref?.message_id !== undefined) {
        const target = w.messages.get(String(ref.message_id));
        if (
          (!target || target.deleted || target.channelId !== channel.id) &&
          ref.fail_if_not_exists !== false
        ) {
          throw Errors.invalidForm(
            "message_reference",
            "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
            "Unknown message",
          );
        }
        if (!target) delete body.message_reference;
      }
      const files = this.storeUploads(q, body, channel.id);
      w.validateMessage(body, files, { requireSomething: true });
      const message = w.createMessage({ channelId: channel.id, authorId: w.applicationId, body, files });
      this.announceCreate(message);
      return ok(message.raw);
    });
    r("PATCH", "/channels/:channelId/messages/:messageId", (q, p) => {
      const previous = messageIn(p.channelId!, p.messageId!);
      if (previous.authorId !== w.applicationId) throw Errors.cannotEditOthers();
      const body = (q.body ?? {}) as Json;
      const next = this.applyEdit(previous, q, body);
      return ok(next.raw);
    });
    r("DELETE", "/channels/:channelId/messages/:messageId", (_q, p) => {
      const msg = messageIn(p.channelId!, p.messageId!);
      this.announceDelete(w.deleteMessage(msg));
      return noContent;
    });
    r("PUT", "/channels/:channelId/messages/:messageId/reactions/:emoji/@me", (_q, p) => {
      messageIn(p.channelId!, p.messageId!);
      return noContent;
    });

    // ------------------------------------------------------------------ interactions
    r(
      "POST",
      "/interactions/:interactionId/:token/callback",
      (q, p) => this.interactionCallback(q, p.interactionId!, p.token!),
      false,
    );
    const webhookInteraction = (p: Record<string, string>): InteractionRecord => {
      const rec = w.interactionsByToken.get(p.token!);
      if (p.appId !== w.applicationId || !rec || !rec.acknowledged) throw Errors.unknownWebhook();
      return rec;
    };
    const webhookMessage = (rec: InteractionRecord, messageId: string): FakeMessage => {
      const id = messageId === "@original" ? rec.originalMessageId : messageId;
      const msg = id ? w.messages.get(id) : undefined;
      if (!msg || msg.deleted || (messageId !== "@original" && !rec.followupIds.includes(messageId))) {
        throw Errors.unknownMessage();
      }
      return msg;
    };
    r(
      "POST",
      "/webhooks/:appId/:token",
      (q, p) => {
        const rec = webhookInteraction(p);
        const body = (q.body ?? {}) as Json;
        const files = this.storeUploads(q, body, rec.channelId);
        w.validateMessage(body, files, { requireSomething: true });
        const ephemeral = (Number(body.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
        const message = w.createMessage({
          channelId: rec.channelId,
          authorId: w.applicationId,
          body,
          files,
          ephemeral,
          interaction: rec,
        });
        rec.followupIds.push(message.id);
        this.record(rec, "followup", null, body, message);
        this.announceCreate(message);
        return q.query.get("wait") === "true" ? ok(message.raw) : noContent;
      },
      false,
    );
    r("GET", "/webhooks/:appId/:token/messages/:messageId", (_q, p) =>
      ok(webhookMessage(webhookInteraction(p), p.messageId!).raw),
    );
    r(
      "PATCH",
      "/webhooks/:appId/:token/messages/:messageId",
      (q, p) => {
        const rec = webhookInteraction(p);
        const previous = webhookMessage(rec, p.messageId!);
        const body = (q.body ?? {}) as Json;
        const next = this.applyEdit(previous, q, body);
        this.record(rec, p.messageId === "@original" ? "editOriginal" : "editFollowup", null, body, next);
        return ok(next.raw);
      },
      false,
    );
    r(
      "DELETE",
      "/webhooks/:appId/:token/messages/:messageId",
      (_q, p) => {
        const rec = webhookInteraction(p);
        const msg = webhookMessage(rec, p.messageId!);
        const deleted = w.deleteMessage(msg);
        this.announceDelete(deleted);
        this.record(
          rec,
          p.messageId === "@original" ? "deleteOriginal" : "deleteFollowup",
          null,
          {},
          deleted,
        );
        return noContent;
      },
      false,
    );
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(path);
      if (m) {
        const params: Record<string, string> = {};
        for (const [k, v] of Object.entries(m.groups ?? {})) params[k] = decodeURIComponent(v);
        return { route, params };
      }
    }
    return null;
  }

  /** The route template (e.g. `/channels/:channelId/messages`) a request falls under, for bucket headers. */
  templateFor(method: string, path: string): string {
    return this.match(method, path)?.route.pattern ?? path;
  }

  async handle(req: ApiRequest): Promise<ApiResult> {
    const found = this.match(req.method, req.path);
    if (!found) {
      const anyMethod = this.routes.some((r) => r.regex.test(req.path));
      throw anyMethod ? new ApiError(405, 0, "405: Method Not Allowed") : Errors.notFound();
    }
    if (found.route.auth && req.headers.authorization !== `Bot ${this.ctx.token}`)
      throw Errors.unauthorized();
    return found.route.handler(req, found.params);
  }

  // ------------------------------------------------------------------ helpers

  /** Turns `files[n]` uploads into stored files, named by the payload's `attachments[]` entries. */
  private storeUploads(req: ApiRequest, body: Json, channelId: string): FakeFile[] {
    return [...this.uploadMap(req, body, channelId).values()];
  }

  private uploadMap(req: ApiRequest, body: Json, channelId: string): Map<string, FakeFile> {
    const described = Array.isArray(body.attachments) ? (body.attachments as Json[]) : [];
    const out = new Map<string, FakeFile>();
    for (const part of req.uploads) {
      const meta = described.find((a) => String(a.id) === part.key);
      const file = this.ctx.world.storeFile(
        {
          filename: typeof meta?.filename === "string" ? meta.filename : part.filename,
          contentType: part.contentType,
          bytes: part.bytes,
          ...(typeof meta?.description === "string" ? { description: meta.description } : {}),
        },
        "attachments",
        channelId,
      );
      out.set(part.key, file);
    }
    return out;
  }

  private applyEdit(previous: FakeMessage, req: ApiRequest, body: Json): FakeMessage {
    const w = this.ctx.world;
    const uploads = this.uploadMap(req, body, previous.channelId);
    w.validateMessage(body, [...uploads.values()], { requireSomething: false });
    const next = w.editMessage(previous, body, uploads);
    if (
      !next.content &&
      next.embeds.length === 0 &&
      next.files.length === 0 &&
      next.components.length === 0
    ) {
      throw Errors.emptyMessage();
    }
    this.announceUpdate(next);
    return next;
  }

  private interactionCallback(req: ApiRequest, interactionId: string, token: string): ApiResult {
    const w = this.ctx.world;
    const rec = w.interactions.get(interactionId);
    if (!rec || rec.token !== token || rec.expired) throw Errors.unknownInteraction();
    if (rec.acknowledged) throw Errors.alreadyAcknowledged();
    const body = (req.body ?? {}) as Json;
    const type = Number(body.type);
    const data = (body.data ?? {}) as Json;
    const isComponent = rec.type === 3 || rec.type === 5;
    let message: FakeMessage | null = null;
    switch (type) {
      case 4: {
        const files = this.storeUploads(req, data, rec.channelId);
        w.validateMessage(data, files, { requireSomething: true });
        const ephemeral = (Number(data.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
        message = w.createMessage({
          channelId: rec.channelId,
          authorId: w.applicationId,
          body: data,
          files,
          ephemeral,
          interaction: rec,
        });
        rec.originalMessageId = message.id;
        this.announceCreate(message);
        break;
      }
      case 5: {
        const ephemeral = (Number(data.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
        message = w.createMessage({
          channelId: rec.channelId,
          authorId: w.applicationId,
          body: {},
          files: [],
          ephemeral,
          loading: true,
          interaction: rec,
        });
        rec.originalMessageId = message.id;
        this.announceCreate(message);
        break;
      }
      case 6:
      case 7: {
        if (!isComponent || !rec.sourceMessageId) {
          throw Errors.invalidForm(
            "type",
            "INTERACTION_RESPONSE_TYPE_INVALID",
            "Invalid response type for this interaction",
          );
        }
        rec.originalMessageId = rec.sourceMessageId;
        const source = w.messages.get(rec.sourceMessageId)!;
        if (type === 7) {
          const uploads = this.uploadMap(req, data, rec.channelId);
          w.validateMessage(data, [...uploads.values()], { requireSomething: false });
          message = w.editMessage(source, data, uploads);
          this.announceUpdate(message);
        } else {
          message = source;
        }
        break;
      }
      case 8:
      case 9:
      case 10:
      case 12:
        break;
      default:
        throw Errors.invalidForm(
          "type",
          "BASE_TYPE_CHOICES",
          `Value must be one of {4, 5, 6, 7, 8, 9, 10, 12}.`,
        );
    }
    rec.acknowledged = true;
    rec.callbackType = type;
    if (rec.ackTimer) clearTimeout(rec.ackTimer);
    rec.ackTimer = null;
    this.record(rec, "callback", type, body, message);
    if (req.query.get("with_response") !== "true") return noContent;
    return ok({
      interaction: {
        id: rec.id,
        type: rec.type,
        activity_instance_id: null,
        response_message_id: message?.id ?? null,
        response_message_loading: message?.loading ?? false,
        response_message_ephemeral: message?.ephemeral ?? false,
      },
      resource: { type, ...(message ? { message: message.raw } : {}) },
    });
  }

  private record(
    rec: InteractionRecord,
    kind: InteractionResponseKind,
    callbackType: number | null,
    body: Json,
    message: FakeMessage | null,
  ): void {
    const data = (kind === "callback" ? (body.data ?? {}) : body) as Json;
    this.ctx.recordResponse(rec, {
      kind,
      callbackType,
      content: typeof data.content === "string" ? data.content : null,
      embeds: Array.isArray(data.embeds) ? (data.embeds as Json[]) : [],
      components: Array.isArray(data.components) ? (data.components as Json[]) : [],
      flags: Number(data.flags ?? 0),
      ephemeral: message?.ephemeral ?? (Number(data.flags ?? 0) & MessageFlag.Ephemeral) !== 0,
      files: kind === "callback" && callbackType === 6 ? [] : (message?.files ?? []),
      body,
      message,
    });
  }

  /** Emits the test-side event and the MESSAGE_CREATE Discord would send (bots see their own messages). */
  announceCreate(message: FakeMessage): void {
    this.ctx.emit({ type: "message", message });
    if (!message.ephemeral && this.ctx.gateway.hasSession()) {
      this.ctx.gateway.dispatch("MESSAGE_CREATE", (s) =>
        messageForSession(this.ctx.world, message, s.intents),
      );
    }
  }

  private announceUpdate(message: FakeMessage): void {
    this.ctx.emit({ type: "messageUpdate", message });
    if (!message.ephemeral && this.ctx.gateway.hasSession()) {
      this.ctx.gateway.dispatch("MESSAGE_UPDATE", (s) =>
        messageForSession(this.ctx.world, message, s.intents),
      );
    }
  }

  private announceDelete(message: FakeMessage): void {
    this.ctx.emit({ type: "messageDelete", message });
    if (!message.ephemeral && this.ctx.gateway.hasSession()) {
      this.ctx.gateway.dispatch("MESSAGE_DELETE", (s) => {
        const needed = message.guildId ? Intent.GuildMessages : Intent.DirectMessages;
        if (!(s.intents & needed)) return "missing message intent";
        return {
          id: message.id,
          channel_id: message.channelId,
          ...(message.guildId ? { guild_id: message.guildId } : {}),
        };
      });
    }
  }
}

/**
 * A message as a given session receives it: no event without GuildMessages / DirectMessages, and without the
 * MessageContent intent guild messages arrive with empty content, embeds, attachments and components unless they
 * mention the bot (in `mentions`: an @mention, or a reply to the bot that pings it) or are the bot's own.
 */
export function messageForSession(world: World, message: FakeMessage, intents: number): Json | string {
  if (message.guildId && !(intents & Intent.GuildMessages)) return "client lacks the GuildMessages intent";
  if (!message.guildId && !(intents & Intent.DirectMessages)) return "client lacks the DirectMessages intent";
  const raw: Json = { ...message.raw, ...(message.guildId ? {} : { channel_type: 1 }) };
  const mentions = Array.isArray(raw.mentions) ? (raw.mentions as Json[]) : [];
  const mentionsBot = mentions.some((u) => u.id === world.applicationId);
  if (
    message.guildId &&
    !(intents & Intent.MessageContent) &&
    message.authorId !== world.applicationId &&
    !mentionsBot
  ) {
    raw.content = "";
    raw.embeds = [];
    raw.attachments = [];
    raw.components = [];
  }
  return raw;
}

export function newInteractionRecord(fields: {
  type: number;
  userId: string;
  channelId: string;
  guildId: string | null;
  sourceMessageId?: string | null;
  commandName?: string | null;
}): InteractionRecord {
  return {
    id: snowflake(),
    token: `aW50ZXJhY3Rpb24${Buffer.from(snowflake()).toString("base64url")}${Math.random().toString(36).slice(2)}`,
    type: fields.type,
    createdAt: Date.now(),
    userId: fields.userId,
    channelId: fields.channelId,
    guildId: fields.guildId,
    sourceMessageId: fields.sourceMessageId ?? null,
    commandName: fields.commandName ?? null,
    acknowledged: false,
    expired: false,
    callbackType: null,
    originalMessageId: null,
    followupIds: [],
    ackTimer: null,
    raw: {},
  };
}
