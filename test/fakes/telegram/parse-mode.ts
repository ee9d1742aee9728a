import type { MessageEntity } from "grammy/types";
import { badRequest, type TelegramApiError } from "./errors.ts";

/** The text a user would see, and its formatting, after Telegram parsed `parse_mode`. */
export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

const cantParse = (what: string): TelegramApiError => badRequest(`can't parse entities: ${what}`);
const byteOffset = (source: string, index: number): number =>
  Buffer.byteLength(source.slice(0, index), "utf8");

/** Parses text the way the Bot API does for `parse_mode`; throws the Bot API's 400 on malformed markup. */
export function parseFormattedText(source: string, parseMode: string | undefined): ParsedText {
  if (parseMode === undefined || parseMode === "") return { text: source, entities: [] };
  switch (parseMode.toLowerCase()) {
    case "html":
      return parseHtml(source);
    case "markdownv2":
      return parseMarkdownV2(source);
    case "markdown":
      return parseMarkdown(source);
    default:
      throw badRequest(`unsupported parse_mode`);
  }
}

const HTML_TAGS: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  a: "text_link",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  "tg-emoji": "custom_emoji",
  "tg-time": "date_time",
};

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

interface OpenTag {
  name: string;
  attributes: Record<string, string>;
  offset: number;
}

/**
 * HTML as Telegram reads it. Stricter than Telegram in one place on purpose: a bare `&` that does not start
 * an entity is rejected (Telegram would show it literally), so text from users must be escaped before use.
 */
function parseHtml(source: string): ParsedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "&") {
      const match = /^&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);/.exec(source.slice(i, i + 12));
      const body = match?.[1];
      if (body === undefined) {
        throw cantParse(`character '&' at byte offset ${byteOffset(source, i)} must be escaped as &amp;`);
      }
      if (body.startsWith("#x")) text += String.fromCodePoint(Number.parseInt(body.slice(2), 16));
      else if (body.startsWith("#")) text += String.fromCodePoint(Number.parseInt(body.slice(1), 10));
      else {
        const named = NAMED_ENTITIES[body.toLowerCase()];
        if (named === undefined) {
          throw cantParse(`unsupported HTML entity "&${body};" at byte offset ${byteOffset(source, i)}`);
        }
        text += named;
      }
      i += match![0].length;
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i++;
      continue;
    }
    const tagStart = i;
    if (source[i + 1] === "/") {
      const match = /^<\/([a-zA-Z0-9-]*)\s*>/.exec(source.slice(i));
      if (!match) throw cantParse(`Unclosed end tag at byte offset ${byteOffset(source, tagStart)}`);
      const name = match[1]!.toLowerCase();
      const open = stack.pop();
      if (!open) throw cantParse(`Unexpected end tag at byte offset ${byteOffset(source, tagStart)}`);
      if (open.name !== name) {
        throw cantParse(
          `Unmatched end tag at byte offset ${byteOffset(source, tagStart)}, expected "</${open.name}>", found "</${name}>"`,
        );
      }
      const entity = entityFor(open, text.length - open.offset, stack);
      if (entity) entities.push(entity);
      i += match[0].length;
      continue;
    }
    const nameMatch = /^<([a-zA-Z0-9-]*)/.exec(source.slice(i))!;
    const name = nameMatch[1]!.toLowerCase();
    if (!(name in HTML_TAGS)) {
      throw cantParse(`Unsupported start tag "${name}" at byte offset ${byteOffset(source, tagStart)}`);
    }
    i += nameMatch[0].length;
    const attributes: Record<string, string> = {};
    for (;;) {
      while (i < source.length && /\s/.test(source[i]!)) i++;
      if (i >= source.length)
        throw cantParse(`Unclosed start tag at byte offset ${byteOffset(source, tagStart)}`);
      if (source[i] === ">") {
        i++;
        break;
      }
      const attr = /^([a-zA-Z0-9_-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/.exec(source.slice(i));
      if (!attr) throw cantParse(`Expected equal sign in declaration of an attribute of the tag "${name}"`);
      attributes[attr[1]!.toLowerCase()] = attr[2] ?? attr[3] ?? attr[4] ?? "";
      i += attr[0].length;
    }
    if (name === "span" && attributes.class !== "tg-spoiler") {
      throw cantParse(
        `Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(source, tagStart)}`,
      );
    }
    stack.push({ name, attributes, offset: text.length });
  }
  const unclosed = stack.pop();
  if (unclosed) throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

function entityFor(open: OpenTag, length: number, stack: OpenTag[]): MessageEntity | undefined {
  if (length === 0) return undefined;
  const type = HTML_TAGS[open.name]!;
  const base = { offset: open.offset, length };
  if (type === "text_link") {
    const url = open.attributes.href ?? "";
    return url === "" ? undefined : ({ type, ...base, url } as MessageEntity);
  }
  if (type === "code" && stack.at(-1)?.name === "pre") {
    // <pre><code class="language-x"> is a pre block with a language, reported on the outer tag
    const language = /^language-(.+)$/.exec(open.attributes.class ?? "")?.[1];
    if (language) stack.at(-1)!.attributes["data-language"] = language;
    return undefined;
  }
  if (type === "pre") {
    const language = open.attributes["data-language"];
    return { type, ...base, ...(language ? { language } : {}) } as MessageEntity;
  }
  if (type === "blockquote" && "expandable" in open.attributes) {
    return { type: "expandable_blockquote", ...base } as MessageEntity;
  }
  if (type === "custom_emoji") {
    return { type, ...base, custom_emoji_id: open.attributes["emoji-id"] ?? "" } as MessageEntity;
  }
  return { type, ...base } as MessageEntity;
}

const MARKDOWN_V2_RESERVED = "_*[]()~`>#+-=|{}.!";
const V2_MARKERS: Record<string, string> = {
  "*": "bold",
  _: "italic",
  __: "underline",
  "~": "strikethrough",
  "||": "spoiler",
};

/** MarkdownV2: every reserved character outside an entity must be escaped with `\`. */
function parseMarkdownV2(source: string): ParsedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: { marker: string; offset: number; sourceIndex: number }[] = [];
  let link: { offset: number; sourceIndex: number } | undefined;
  let i = 0;
  const atLineStart = (index: number) => index === 0 || source[index - 1] === "\n";
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "\\") {
      const next = source[i + 1];
      if (next === undefined) {
        throw cantParse(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      }
      text += next;
      i += 2;
      continue;
    }
    if (ch === "`") {
      const isPre = source.startsWith("```", i);
      const fence = isPre ? "```" : "`";
      let j = i + fence.length;
      let inner = "";
      while (j < source.length && !source.startsWith(fence, j)) {
        if (source[j] === "\\" && j + 1 < source.length) j++;
        inner += source[j];
        j++;
      }
      if (j >= source.length) {
        throw cantParse(
          `Can't find end of ${isPre ? "Pre" : "Code"} entity at byte offset ${byteOffset(source, i)}`,
        );
      }
      let language: string | undefined;
      if (isPre) {
        const newline = inner.indexOf("\n");
        if (newline >= 0 && /^[\w+-]+$/.test(inner.slice(0, newline))) {
          language = inner.slice(0, newline);
          inner = inner.slice(newline + 1);
        }
      }
      if (inner.length > 0) {
        entities.push({
          type: isPre ? "pre" : "code",
          offset: text.length,
          length: inner.length,
          ...(language ? { language } : {}),
        } as MessageEntity);
      }
      text += inner;
      i = j + fence.length;
      continue;
    }
    const marker = source.startsWith("__", i)
      ? "__"
      : source.startsWith("||", i)
        ? "||"
        : ch === "*" || ch === "_" || ch === "~"
          ? ch
          : undefined;
    if (marker !== undefined) {
      const top = stack.at(-1);
      if (top?.marker === marker) {
        stack.pop();
        if (text.length > top.offset) {
          entities.push({
            type: V2_MARKERS[marker],
            offset: top.offset,
            length: text.length - top.offset,
          } as MessageEntity);
        }
      } else {
        stack.push({ marker, offset: text.length, sourceIndex: i });
      }
      i += marker.length;
      continue;
    }
    if (ch === "[" && !link) {
      link = { offset: text.length, sourceIndex: i };
      i++;
      continue;
    }
    if (ch === "]" && link) {
      const url = /^\]\(((?:\\.|[^)\\])*)\)/.exec(source.slice(i));
      if (!url) throw cantParse(`Can't find end of a URL at byte offset ${byteOffset(source, i)}`);
      entities.push({
        type: "text_link",
        offset: link.offset,
        length: text.length - link.offset,
        url: url[1]!.replace(/\\(.)/g, "$1"),
      } as MessageEntity);
      link = undefined;
      i += url[0].length;
      continue;
    }
    if (ch === ">" && atLineStart(i)) {
      i++;
      continue;
    }
    if (MARKDOWN_V2_RESERVED.includes(ch)) {
      throw cantParse(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    }
    text += ch;
    i++;
  }
  const open = stack.pop();
  if (open) {
    const name = V2_MARKERS[open.marker]!;
    throw cantParse(
      `Can't find end of ${name[0]!.toUpperCase()}${name.slice(1)} entity at byte offset ${byteOffset(source, open.sourceIndex)}`,
    );
  }
  if (link)
    throw cantParse(
      `Can't find end of TextUrl entity at byte offset ${byteOffset(source, link.sourceIndex)}`,
    );
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

/** Legacy Markdown: `*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, `[text](url)`; no nesting. */
function parseMarkdown(source: string): ParsedText {
  let text = "";
  const entities: MessageEntity[] = [];
  let i = 0;
  const types: Record<string, string> = { "*": "bold", _: "italic", "`": "code", "```": "pre" };
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "\\" && i + 1 < source.length && "*_`[".includes(source[i + 1]!)) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (ch === "[") {
      const match = /^\[([^\]]*)\]\(([^)]*)\)/.exec(source.slice(i));
      if (match) {
        entities.push({
          type: "text_link",
          offset: text.length,
          length: match[1]!.length,
          url: match[2]!,
        } as MessageEntity);
        text += match[1];
        i += match[0].length;
        continue;
      }
    }
    const marker = source.startsWith("```", i) ? "```" : "*_`".includes(ch) ? ch : undefined;
    if (marker !== undefined) {
      const end = source.indexOf(marker, i + marker.length);
      if (end < 0) {
        throw cantParse(`Can't find end of the entity starting at byte offset ${byteOffset(source, i)}`);
      }
      const inner = source.slice(i + marker.length, end);
      if (inner.length > 0) {
        entities.push({ type: types[marker], offset: text.length, length: inner.length } as MessageEntity);
      }
      text += inner;
      i = end + marker.length;
      continue;
    }
    text += ch;
    i++;
  }
  return { text, entities };
}
