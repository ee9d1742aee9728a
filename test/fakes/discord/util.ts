import { randomBytes } from "node:crypto";

export type Json = Record<string, unknown>;

const DISCORD_EPOCH = 1_420_070_400_000n;
let lastTimestamp = 0n;
let increment = 0n;

/** Real-looking snowflakes (discord.js derives createdTimestamp from them). Monotonic within a process. */
export function snowflake(): string {
  let now = BigInt(Date.now()) - DISCORD_EPOCH;
  if (now <= lastTimestamp) {
    increment += 1n;
    if (increment > 0xfffn) {
      lastTimestamp += 1n;
      increment = 0n;
    }
    now = lastTimestamp;
  } else {
    lastTimestamp = now;
    increment = 0n;
  }
  return ((now << 22n) | (1n << 17n) | increment).toString();
}

export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString("base64url");
}

/** Permission bits used by the fake (subset of Discord's PermissionFlagsBits). */
export const Perm = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  ChangeNickname: 1n << 26n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** Every bit Discord currently defines; what the owner / an administrator effectively has. */
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

export const DEFAULT_EVERYONE_PERMISSIONS =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.ReadMessageHistory |
  Perm.AttachFiles |
  Perm.EmbedLinks |
  Perm.AddReactions |
  Perm.UseExternalEmojis |
  Perm.ChangeNickname |
  Perm.UseApplicationCommands |
  Perm.SendMessagesInThreads;

/** Gateway intents the fake looks at. */
export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

export const PRIVILEGED_INTENTS = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;

/** Width and height of a PNG, read from its IHDR chunk (Discord reports them for images). */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || sig.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const EXTENSION_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  txt: "text/plain; charset=utf-8",
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

export function contentTypeFor(filename: string, declared?: string | null): string {
  if (declared && declared !== "application/octet-stream") return declared;
  const ext = filename.split(".").pop()?.toLowerCase() ?? "";
  return EXTENSION_TYPES[ext] ?? declared ?? "application/octet-stream";
}

export function isoNow(): string {
  return new Date().toISOString().replace("Z", "+00:00");
}

/** A pattern like `POST /channels/:id/messages`, `/users/@me/channels` or `GET /attachments/*`. */
export function compileRoutePattern(pattern: string): (method: string, path: string) => boolean {
  const trimmed = pattern.trim();
  const space = trimmed.indexOf(" ");
  const method = space > 0 ? trimmed.slice(0, space).toUpperCase() : null;
  const path = space > 0 ? trimmed.slice(space + 1).trim() : trimmed;
  const source = path
    .split("/")
    .map((seg) => {
      if (seg === "*") return ".*";
      if (seg.startsWith(":") || (seg.startsWith("{") && seg.endsWith("}"))) return "[^/]+";
      return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  const re = new RegExp(`^${source}/?$`);
  return (m, p) => (method === null || method === m.toUpperCase()) && re.test(p);
}
