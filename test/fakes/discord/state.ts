import type {
  FakeChannel,
  FakeFile,
  FakeGuild,
  FakeMember,
  FakeMessage,
  FakeRole,
  FakeUser,
  FileInput,
  RegisteredCommand,
} from "./types.ts";
import {
  ALL_PERMISSIONS,
  contentTypeFor,
  isoNow,
  type Json,
  Perm,
  pngSize,
  randomToken,
  snowflake,
} from "./util.ts";

/** A Discord-style API error: `{ code, message, errors? }` with an HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Json,
  ) {
    super(message);
  }
  body(): Json {
    return this.errors
      ? { message: this.message, code: this.code, errors: this.errors }
      : { message: this.message, code: this.code };
  }
}

export const Errors = {
  unauthorized: () => new ApiError(401, 0, "401: Unauthorized"),
  unknownChannel: () => new ApiError(404, 10003, "Unknown Channel"),
  unknownGuild: () => new ApiError(404, 10004, "Unknown Guild"),
  unknownMember: () => new ApiError(404, 10007, "Unknown Member"),
  unknownMessage: () => new ApiError(404, 10008, "Unknown Message"),
  unknownUser: () => new ApiError(404, 10013, "Unknown User"),
  unknownWebhook: () => new ApiError(404, 10015, "Unknown Webhook"),
  unknownApplication: () => new ApiError(404, 10002, "Unknown Application"),
  unknownInteraction: () => new ApiError(404, 10062, "Unknown interaction"),
  alreadyAcknowledged: () => new ApiError(400, 40060, "Interaction has already been acknowledged."),
  missingAccess: () => new ApiError(403, 50001, "Missing Access"),
  missingPermissions: () => new ApiError(403, 50013, "Missing Permissions"),
  cannotEditOthers: () => new ApiError(403, 50005, "Cannot edit a message authored by another user"),
  emptyMessage: () => new ApiError(400, 50006, "Cannot send an empty message"),
  cannotDm: () => new ApiError(403, 50007, "Cannot send messages to this user"),
  tooLarge: () => new ApiError(413, 40005, "Request entity too large"),
  notFound: () => new ApiError(404, 0, "404: Not Found"),
  invalidForm: (field: string, code: string, message: string) =>
    new ApiError(400, 50035, "Invalid Form Body", fieldError(field, code, message)),
};

function fieldError(field: string, code: string, message: string): Json {
  const parts = field.split(".");
  let node: Json = { _errors: [{ code, message }] };
  for (const part of parts.reverse()) node = { [part]: node };
  return node;
}

export const MAX_CONTENT = 2000;
export const MAX_FILES = 10;
export const MAX_EMBEDS = 10;
export const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export const MessageFlag = { Ephemeral: 64, Loading: 128 } as const;

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  createdAt: number;
  userId: string;
  channelId: string;
  guildId: string | null;
  /** Component interactions: the message the component is on. */
  sourceMessageId: string | null;
  commandName: string | null;
  acknowledged: boolean;
  expired: boolean;
  callbackType: number | null;
  originalMessageId: string | null;
  followupIds: string[];
  ackTimer: NodeJS.Timeout | null;
  raw: Json;
}

/** Everything the fake Discord "knows": users, guilds, channels, messages, files, commands, interactions. */
export class World {
  baseUrl = "";
  readonly applicationId = snowflake();
  readonly botUser: FakeUser;
  readonly users = new Map<string, FakeUser>();
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();
  /** Latest version of every message, ephemeral ones included. */
  readonly messages = new Map<string, FakeMessage>();
  readonly channelOrder = new Map<string, string[]>();
  /** CDN path (without query) -> file */
  readonly cdn = new Map<string, FakeFile>();
  globalCommands: RegisteredCommand[] = [];
  readonly guildCommands = new Map<string, RegisteredCommand[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly interactionsByToken = new Map<string, InteractionRecord>();

  constructor(
    botUsername: string,
    readonly botPermissions: bigint,
  ) {
    this.botUser = {
      id: this.applicationId,
      username: botUsername,
      globalName: null,
      bot: true,
      blocksDms: true,
    };
    this.users.set(this.botUser.id, this.botUser);
  }

  // ---------------------------------------------------------------- users, guilds, channels

  user(id: string): FakeUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`FakeDiscord: unknown user ${id}`);
    return user;
  }
  guild(id: string): FakeGuild {
    const guild = this.guilds.get(id);
    if (!guild) throw new Error(`FakeDiscord: unknown guild ${id}`);
    return guild;
  }
  channel(id: string): FakeChannel {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`FakeDiscord: unknown channel ${id}`);
    return channel;
  }

  memberPermissions(guild: FakeGuild, userId: string): bigint {
    if (guild.ownerId === userId) return ALL_PERMISSIONS;
    const member = guild.members.get(userId);
    if (!member) return 0n;
    let bits = guild.roles.find((r) => r.id === guild.id)?.permissions ?? 0n;
    for (const roleId of member.roleIds) bits |= guild.roles.find((r) => r.id === roleId)?.permissions ?? 0n;
    return bits & Perm.Administrator ? ALL_PERMISSIONS : bits;
  }

  dmChannelFor(userId: string): FakeChannel {
    for (const ch of this.channels.values()) if (ch.type === 1 && ch.recipientId === userId) return ch;
    const channel: FakeChannel = {
      id: snowflake(),
      type: 1,
      guildId: null,
      name: null,
      recipientId: userId,
      botCanSend: true,
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  // ---------------------------------------------------------------- JSON shapes

  userJson(user: FakeUser): Json {
    return {
      id: user.id,
      username: user.username,
      global_name: user.globalName,
      discriminator: "0",
      avatar: null,
      bot: user.bot || undefined,
      public_flags: 0,
      flags: 0,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
      primary_guild: null,
    };
  }

  roleJson(role: FakeRole, position: number): Json {
    return {
      id: role.id,
      name: role.name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: role.permissions.toString(),
      managed: role.managed,
      mentionable: false,
      flags: 0,
      ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
    };
  }

  memberJson(
    guild: FakeGuild,
    member: FakeMember,
    opts: { withUser: boolean; withPermissions: boolean },
  ): Json {
    const json: Json = {
      roles: member.roleIds,
      nick: member.nick,
      avatar: null,
      banner: null,
      joined_at: member.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
    if (opts.withUser) json.user = this.userJson(this.user(member.userId));
    if (opts.withPermissions) json.permissions = this.memberPermissions(guild, member.userId).toString();
    return json;
  }

  channelJson(channel: FakeChannel): Json {
    if (channel.type === 1) {
      const recipient = this.user(channel.recipientId!);
      return {
        id: channel.id,
        type: 1,
        last_message_id: channel.lastMessageId,
        flags: 0,
        recipients: [this.userJson(recipient)],
      };
    }
    const guildChannels = [...this.channels.values()].filter((c) => c.guildId === channel.guildId);
    return {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      name: channel.name,
      position: guildChannels.indexOf(channel),
      permission_overwrites: channel.botCanSend
        ? []
        : [{ id: this.applicationId, type: 1, allow: "0", deny: Perm.SendMessages.toString() }],
      parent_id: null,
      nsfw: false,
      topic: null,
      last_message_id: channel.lastMessageId,
      rate_limit_per_user: 0,
      flags: 0,
    };
  }

  guildJson(guild: FakeGuild): Json {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: guild.roles.map((r, i) => this.roleJson(r, i)),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: "en-US",
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
    };
  }

  /** GUILD_CREATE: full members only with the GuildMembers intent (Discord sends just the bot otherwise). */
  guildCreateJson(guild: FakeGuild, withAllMembers: boolean): Json {
    const members = [...guild.members.values()].filter(
      (m) => withAllMembers || m.userId === this.applicationId,
    );
    return {
      ...this.guildJson(guild),
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      member_count: guild.members.size,
      voice_states: [],
      members: members.map((m) => this.memberJson(guild, m, { withUser: true, withPermissions: false })),
      channels: [...this.channels.values()]
        .filter((c) => c.guildId === guild.id)
        .map((c) => this.channelJson(c)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      embedded_activities: [],
      lazy: true,
    };
  }

  // ---------------------------------------------------------------- files

  storeFile(input: FileInput, folder: "attachments" | "ephemeral-attachments", channelId: string): FakeFile {
    const id = snowflake();
    const bytes = typeof input.bytes === "string" ? Buffer.from(input.bytes) : Buffer.from(input.bytes);
    const safeName = input.filename.replace(/[^\w.-]+/g, "_");
    const path = `/${folder}/${channelId}/${id}/${safeName}`;
    const ex = Math.floor(Date.now() / 1000 + 86_400).toString(16);
    const is = Math.floor(Date.now() / 1000).toString(16);
    const file: FakeFile = {
      id,
      name: safeName,
      contentType: contentTypeFor(input.filename, input.contentType),
      bytes,
      description: input.description ?? null,
      url: `${this.baseUrl}${path}?ex=${ex}&is=${is}&hm=${randomToken(8)}&`,
    };
    this.cdn.set(path, file);
    return file;
  }

  attachmentJson(file: FakeFile, ephemeral = false): Json {
    const size = file.contentType.startsWith("image/png") ? pngSize(file.bytes) : null;
    return {
      id: file.id,
      filename: file.name,
      size: file.bytes.length,
      url: file.url,
      proxy_url: file.url,
      content_type: file.contentType,
      ...(file.description ? { description: file.description } : {}),
      ...(size ? { width: size.width, height: size.height, placeholder: "", placeholder_version: 1 } : {}),
      ...(ephemeral ? { ephemeral: true } : {}),
    };
  }

  // ---------------------------------------------------------------- messages

  channelMessageIds(channelId: string): string[] {
    let list = this.channelOrder.get(channelId);
    if (!list) {
      list = [];
      this.channelOrder.set(channelId, list);
    }
    return list;
  }

  createMessage(opts: {
    channelId: string;
    authorId: string;
    body: Json;
    files: FakeFile[];
    ephemeral?: boolean;
    loading?: boolean;
    interaction?: InteractionRecord;
    type?: number;
    pingsReply?: boolean;
  }): FakeMessage {
    const channel = this.channel(opts.channelId);
    const id = snowflake();
    const now = Date.now();
    const ref = opts.body.message_reference as Json | undefined;
    const replyTo = typeof ref?.message_id === "string" ? ref.message_id : null;
    let flags = Number(opts.body.flags ?? 0) & ~MessageFlag.Loading;
    if (opts.ephemeral) flags |= MessageFlag.Ephemeral;
    if (opts.loading) flags |= MessageFlag.Loading;
    const message: FakeMessage = {
      id,
      channelId: channel.id,
      guildId: channel.guildId,
      authorId: opts.authorId,
      content: typeof opts.body.content === "string" ? opts.body.content : "",
      embeds: Array.isArray(opts.body.embeds) ? (opts.body.embeds as Json[]) : [],
      components: Array.isArray(opts.body.components) ? (opts.body.components as Json[]) : [],
      flags,
      ephemeral: Boolean(opts.ephemeral),
      loading: Boolean(opts.loading),
      files: opts.files,
      replyTo,
      pingsReply: replyTo !== null && (opts.pingsReply ?? false),
      interactionId: opts.interaction?.id ?? null,
      createdAt: now,
      editedAt: null,
      deleted: false,
      raw: {},
    };
    message.raw = this.messageJson(
      message,
      opts.type ?? (replyTo ? 19 : opts.interaction ? 20 : 0),
      opts.interaction,
    );
    this.messages.set(id, message);
    if (!message.ephemeral) {
      this.channelMessageIds(channel.id).push(id);
      channel.lastMessageId = id;
    }
    return message;
  }

  /** Applies an edit body (+ newly uploaded files) to a message and returns the new version. */
  editMessage(previous: FakeMessage, body: Json, uploaded: Map<string, FakeFile>): FakeMessage {
    let files = previous.files;
    if (Array.isArray(body.attachments)) {
      files = [];
      for (const a of body.attachments as Json[]) {
        const key = String(a.id);
        const fresh = uploaded.get(key);
        if (fresh) files.push(fresh);
        else {
          const kept = previous.files.find((f) => f.id === key);
          if (kept) files.push(kept);
        }
      }
      for (const [key, file] of uploaded) {
        if (!(body.attachments as Json[]).some((a) => String(a.id) === key)) files.push(file);
      }
    } else if (uploaded.size > 0) {
      files = [...previous.files, ...uploaded.values()];
    }
    const next: FakeMessage = {
      ...previous,
      content:
        typeof body.content === "string" ? body.content : body.content === null ? "" : previous.content,
      embeds: Array.isArray(body.embeds) ? (body.embeds as Json[]) : previous.embeds,
      components: Array.isArray(body.components) ? (body.components as Json[]) : previous.components,
      files,
      loading: false,
      flags: previous.flags & ~MessageFlag.Loading,
      editedAt: previous.loading ? null : Date.now(),
    };
    const interaction = next.interactionId ? this.interactions.get(next.interactionId) : undefined;
    next.raw = this.messageJson(next, Number(previous.raw.type ?? 0), interaction);
    this.messages.set(next.id, next);
    return next;
  }

  deleteMessage(previous: FakeMessage): FakeMessage {
    const next = { ...previous, deleted: true };
    this.messages.set(next.id, next);
    const list = this.channelOrder.get(next.channelId);
    if (list) list.splice(list.indexOf(next.id), 1);
    return next;
  }

  messageJson(message: FakeMessage, type: number, interaction?: InteractionRecord): Json {
    const author = this.user(message.authorId);
    const channel = this.channel(message.channelId);
    const guild = channel.guildId ? this.guilds.get(channel.guildId) : undefined;
    const mentioned = [...message.content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
    const repliedAuthor = message.replyTo ? this.messages.get(message.replyTo)?.authorId : undefined;
    if (message.pingsReply && repliedAuthor) mentioned.push(repliedAuthor);
    const mentions = [...new Set(mentioned)]
      .map((id) => this.users.get(id))
      .filter((u): u is FakeUser => Boolean(u))
      .map((u) => this.userJson(u));
    const json: Json = {
      id: message.id,
      type,
      channel_id: message.channelId,
      author: this.userJson(author),
      content: message.content,
      timestamp: new Date(message.createdAt).toISOString().replace("Z", "+00:00"),
      edited_timestamp: message.editedAt
        ? new Date(message.editedAt).toISOString().replace("Z", "+00:00")
        : null,
      tts: false,
      mention_everyone: false,
      mentions,
      mention_roles: [],
      attachments: message.files.map((f) => this.attachmentJson(f)),
      embeds: message.embeds,
      components: message.components,
      pinned: false,
      flags: message.flags,
    };
    if (guild) json.guild_id = guild.id;
    if (message.replyTo) {
      json.message_reference = {
        type: 0,
        message_id: message.replyTo,
        channel_id: message.channelId,
        guild_id: guild?.id,
      };
      const referenced = this.messages.get(message.replyTo);
      json.referenced_message = referenced ? referenced.raw : null;
    }
    if (interaction) {
      const user = this.userJson(this.user(interaction.userId));
      json.webhook_id = this.applicationId;
      json.application_id = this.applicationId;
      json.interaction_metadata = {
        id: interaction.id,
        type: interaction.type,
        user,
        authorizing_integration_owners: guild ? { "0": guild.id } : { "1": interaction.userId },
        ...(interaction.commandName ? { name: interaction.commandName, command_type: 1 } : {}),
        ...(interaction.sourceMessageId ? { interacted_message_id: interaction.sourceMessageId } : {}),
      };
      json.interaction = {
        id: interaction.id,
        type: interaction.type,
        name: interaction.commandName ?? "",
        user,
      };
    }
    if (guild && message.authorId !== this.applicationId) {
      const member = guild.members.get(message.authorId);
      if (member) json.member = this.memberJson(guild, member, { withUser: false, withPermissions: false });
    }
    return json;
  }

  /** Discord's checks on a message body (content length, emptiness, counts, sizes). */
  validateMessage(body: Json, files: FakeFile[], opts: { requireSomething: boolean }): void {
    const content = body.content;
    if (content !== undefined && content !== null && typeof content !== "string") {
      throw Errors.invalidForm("content", "BASE_TYPE_STRING", "Must be a string.");
    }
    if (typeof content === "string" && content.length > MAX_CONTENT) {
      throw Errors.invalidForm(
        "content",
        "BASE_TYPE_MAX_LENGTH",
        `Must be ${MAX_CONTENT} or fewer in length.`,
      );
    }
    const embeds = Array.isArray(body.embeds) ? body.embeds : [];
    if (embeds.length > MAX_EMBEDS) {
      throw Errors.invalidForm("embeds", "BASE_TYPE_MAX_LENGTH", `Must be ${MAX_EMBEDS} or fewer in length.`);
    }
    if (files.length > MAX_FILES) {
      throw Errors.invalidForm(
        "attachments",
        "BASE_TYPE_MAX_LENGTH",
        `Must be ${MAX_FILES} or fewer in length.`,
      );
    }
    if (files.some((f) => f.bytes.length > ATTACHMENT_SIZE_LIMIT)) throw Errors.tooLarge();
    const components = Array.isArray(body.components) ? body.components : [];
    const poll = body.poll;
    if (
      opts.requireSomething &&
      !(typeof content === "string" && content.length > 0) &&
      embeds.length === 0 &&
      files.length === 0 &&
      components.length === 0 &&
      !body.sticker_ids &&
      !poll
    ) {
      throw Errors.emptyMessage();
    }
  }

  // ---------------------------------------------------------------- commands

  commandsFor(guildId: string | null): RegisteredCommand[] {
    return guildId ? (this.guildCommands.get(guildId) ?? []) : this.globalCommands;
  }

  /** Bulk overwrite, keeping ids of commands whose name+type did not change (as Discord does). */
  overwriteCommands(guildId: string | null, body: unknown): RegisteredCommand[] {
    if (!Array.isArray(body)) throw Errors.invalidForm("_root", "BASE_TYPE_ARRAY", "Must be an array.");
    if (body.length > 100)
      throw Errors.invalidForm("_root", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
    const previous = this.commandsFor(guildId);
    const seen = new Set<string>();
    const next = (body as Json[]).map((cmd, i) => {
      const cmdType = Number(cmd.type ?? 1);
      const name = String(cmd.name ?? "");
      const nameOk =
        cmdType === 1 ? /^[-_'\p{Ll}\p{Lo}\p{N}]{1,32}$/u.test(name) : name.length >= 1 && name.length <= 32;
      if (!nameOk)
        throw Errors.invalidForm(`${i}.name`, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
      const description = String(cmd.description ?? "");
      if (cmdType === 1 && (description.length < 1 || description.length > 100)) {
        throw Errors.invalidForm(
          `${i}.description`,
          "BASE_TYPE_BAD_LENGTH",
          "Must be between 1 and 100 in length.",
        );
      }
      const key = `${cmdType}:${name}`;
      if (seen.has(key)) {
        throw Errors.invalidForm(
          `${i}.name`,
          "APPLICATION_COMMANDS_DUPLICATE_NAME",
          "Application command names must be unique",
        );
      }
      seen.add(key);
      const old = previous.find((p) => p.name === name && p.type === cmdType);
      const id = old?.id ?? snowflake();
      const defaultPerms = cmd.default_member_permissions;
      const raw: Json = {
        id,
        application_id: this.applicationId,
        version: snowflake(),
        default_member_permissions:
          defaultPerms === undefined || defaultPerms === null ? null : String(defaultPerms),
        type: cmdType,
        name,
        name_localizations: cmd.name_localizations ?? null,
        description,
        description_localizations: cmd.description_localizations ?? null,
        dm_permission: cmd.dm_permission ?? true,
        contexts: cmd.contexts ?? null,
        integration_types: cmd.integration_types ?? [0],
        nsfw: cmd.nsfw ?? false,
        ...(Array.isArray(cmd.options) && cmd.options.length > 0 ? { options: cmd.options } : {}),
        ...(guildId ? { guild_id: guildId } : {}),
      };
      const registered: RegisteredCommand = {
        id,
        applicationId: this.applicationId,
        guildId,
        name,
        type: cmdType,
        description,
        options: Array.isArray(cmd.options) ? (cmd.options as Json[]) : [],
        defaultMemberPermissions: raw.default_member_permissions as string | null,
        raw,
      };
      return registered;
    });
    if (guildId) this.guildCommands.set(guildId, next);
    else this.globalCommands = next;
    return next;
  }

  now(): string {
    return isoNow();
  }
}
