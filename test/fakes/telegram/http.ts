import type { IncomingMessage } from "node:http";
import { boundaryOf, type MultipartFile, parseMultipart } from "./multipart.ts";

export interface ParsedRequest {
  params: Record<string, unknown>;
  files: Record<string, MultipartFile>;
}

/** Parameters whose values are JSON objects/arrays when they arrive as strings (multipart, urlencoded). */
const JSON_PARAMS = new Set([
  "reply_markup",
  "reply_parameters",
  "entities",
  "caption_entities",
  "commands",
  "scope",
  "allowed_updates",
  "link_preview_options",
  "media",
  "reaction",
]);
const BOOLEAN_PARAM = /^(disable_|allow_|protect_|show_|drop_|has_spoiler$|is_|only_if_|revoke_messages$)/;
const NUMBER_PARAM = /(^|_)id$|^(offset|limit|timeout|max_connections|cache_time|message_thread_id)$/;

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Query string + JSON / urlencoded / multipart body → one parameter object, like the Bot API accepts. */
export function parseRequest(url: URL, contentType: string, body: Buffer): ParsedRequest {
  const strings: Record<string, string> = Object.fromEntries(url.searchParams);
  let params: Record<string, unknown> = {};
  let files: Record<string, MultipartFile> = {};
  const type = contentType.toLowerCase();
  if (body.length > 0 && type.startsWith("application/json")) {
    params = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
  } else if (body.length > 0 && type.startsWith("application/x-www-form-urlencoded")) {
    Object.assign(strings, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  } else if (body.length > 0 && type.startsWith("multipart/form-data")) {
    const boundary = boundaryOf(contentType);
    if (!boundary) throw new Error("multipart body without boundary");
    const parsed = parseMultipart(body, boundary);
    Object.assign(strings, parsed.fields);
    files = parsed.files;
  }
  for (const [key, value] of Object.entries(strings)) {
    if (!(key in params)) params[key] = coerce(key, value);
  }
  return { params, files };
}

function coerce(key: string, value: string): unknown {
  if (JSON_PARAMS.has(key)) {
    try {
      return JSON.parse(value);
    } catch {
      return value; // the method reports the Telegram error for malformed JSON
    }
  }
  if (BOOLEAN_PARAM.test(key) && (value === "true" || value === "false")) return value === "true";
  if (NUMBER_PARAM.test(key) && /^-?\d+$/.test(value)) return Number(value);
  return value;
}
