// The demo conversation as one HTML page: each chat on a phone screen, side by side — the group as one
// member sees it and every member's private chat with the bot — with the bot's charts as images next to
// the page. Everything a member or the bot wrote is escaped; formatting comes from Telegram's entities.
import type { MessageEntity } from "grammy/types";
import type { TranscriptChat, TranscriptMessage } from "./transcript.ts";

export interface DemoPage {
  html: string;
  /** file name (relative to the page) → PNG bytes */
  images: Map<string, Buffer>;
}

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

const TAGS: Partial<Record<MessageEntity["type"], [string, string]>> = {
  bold: ["<b>", "</b>"],
  italic: ["<i>", "</i>"],
  underline: ["<u>", "</u>"],
  strikethrough: ["<s>", "</s>"],
  code: ["<code>", "</code>"],
  pre: ["<pre>", "</pre>"],
  bot_command: ['<span class="link">', "</span>"],
  mention: ['<span class="link">', "</span>"],
  url: ['<span class="link">', "</span>"],
  text_link: ['<span class="link">', "</span>"],
  spoiler: ['<span class="spoiler">', "</span>"],
};

/** Telegram text with its entities (offsets in UTF-16 units, like JavaScript strings) as HTML. */
export function entitiesToHtml(text: string, entities: readonly MessageEntity[]): string {
  const known = entities
    .filter((e) => TAGS[e.type])
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  const render = (start: number, end: number, inside: MessageEntity[]): string => {
    let html = "";
    let at = start;
    for (let i = 0; i < inside.length; i++) {
      const e = inside[i]!;
      if (e.offset < at) continue; // overlaps one already drawn: Telegram's own markup never does this
      const close = e.offset + e.length;
      const [open, shut] = TAGS[e.type]!;
      const nested = inside.slice(i + 1).filter((n) => n.offset >= e.offset && n.offset + n.length <= close);
      html += escapeHtml(text.slice(at, e.offset)) + open + render(e.offset, close, nested) + shut;
      at = close;
    }
    return html + escapeHtml(text.slice(at, end));
  };
  return render(0, text.length, known);
}

const NAME_COLORS = ["#c03d33", "#4fad2d", "#d09306", "#168acd", "#8544d6", "#cd4073"];
const BOT_COLOR = "#e17076";
const GROUP_COLOR = "#6ec9cb";

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const DAY = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});

function bubble(
  message: TranscriptMessage,
  chat: TranscriptChat,
  imageName: string | null,
  colorOf: (id: number) => string,
): string {
  const mine = message.senderId === chat.ownerId;
  const showName = !mine && chat.chat.type !== "private";
  const parts: string[] = [];
  if (showName)
    parts.push(
      `<div class="name" style="color:${colorOf(message.senderId)}">${escapeHtml(message.senderName)}</div>`,
    );
  if (imageName) parts.push(`<img src="${imageName}" alt="chart sent by the bot" loading="lazy">`);
  if (message.document)
    parts.push(
      `<div class="file"><span class="icon">PDF</span><span><b>${escapeHtml(message.document.fileName)}</b><br>${sizeText(message.document.sizeBytes)}</span></div>`,
    );
  if (message.text) parts.push(`<div class="text">${entitiesToHtml(message.text, message.entities)}</div>`);
  parts.push(`<div class="time">${message.at.slice(11, 16)}</div>`);
  const buttons = message.buttons.length
    ? `<div class="buttons">${message.buttons
        .map((row) => `<div class="row">${row.map((b) => `<span>${escapeHtml(b)}</span>`).join("")}</div>`)
        .join("")}</div>`
    : "";
  const kind = [mine ? "out" : "in", imageName ? "media" : ""].filter(Boolean).join(" ");
  return `<div class="msg ${kind}"><div class="bubble">${parts.join("")}</div>${buttons}</div>`;
}

export function renderDemoPage(input: {
  title: string;
  intro: string[];
  scenes: { title: string; at: string }[];
  chats: TranscriptChat[];
  messages: TranscriptMessage[];
}): DemoPage {
  const images = new Map<string, Buffer>();
  const colors = new Map<number, string>();
  const colorOf = (id: number) => {
    if (!colors.has(id)) colors.set(id, NAME_COLORS[colors.size % NAME_COLORS.length]!);
    return colors.get(id)!;
  };

  const phones = input.chats.map((chat) => {
    const rows: string[] = [];
    let lastDay = "";
    let lastScene = -1;
    for (const message of input.messages.filter((m) => m.chatKey === chat.key)) {
      const day = DAY.format(new Date(message.at));
      if (day !== lastDay) rows.push(`<div class="day"><span>${escapeHtml(day)}</span></div>`);
      if (message.scene !== lastScene)
        rows.push(`<div class="scene">${escapeHtml(input.scenes[message.scene]?.title ?? "")}</div>`);
      lastDay = day;
      lastScene = message.scene;
      let imageName: string | null = null;
      if (message.photo) {
        imageName = `images/${chat.key}-${images.size + 1}.png`;
        images.set(imageName, message.photo);
      }
      rows.push(bubble(message, chat, imageName, colorOf));
    }
    const initial = escapeHtml(chat.title.charAt(0));
    const avatar = chat.chat.type === "private" ? BOT_COLOR : GROUP_COLOR;
    return `<section class="phone" aria-label="${escapeHtml(chat.label)}">
  <header><span class="avatar" style="background:${avatar}">${initial}</span><span><b>${escapeHtml(chat.title)}</b><br><small>${escapeHtml(chat.subtitle)}</small></span></header>
  <div class="chat">${rows.join("\n")}</div>
</section>`;
  });

  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>
  :root { color-scheme: light; }
  body { margin: 0; padding: 24px; background: #eef1f4; color: #1d2329;
    font: 15px/1.38 -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Noto Color Emoji", sans-serif; }
  main > h1 { font-size: 24px; margin: 0 0 8px; }
  .intro { max-width: 980px; color: #47525c; margin: 0 0 20px; }
  .intro p { margin: 4px 0; }
  .phones { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
  .phone { width: 380px; border-radius: 28px; background: #0f1419; padding: 10px; box-shadow: 0 10px 30px rgba(0,0,0,.18); }
  .phone header { display: flex; gap: 10px; align-items: center; background: #517da2; color: #fff;
    padding: 10px 12px; border-radius: 20px 20px 0 0; line-height: 1.2; }
  .phone header small { opacity: .8; }
  .avatar { width: 38px; height: 38px; border-radius: 50%; display: inline-flex; align-items: center;
    justify-content: center; font-weight: 700; flex: none; }
  .chat { background: #c8d8b8 linear-gradient(160deg, #d5e3c3, #b9cfa6); padding: 8px 8px 14px;
    border-radius: 0 0 20px 20px; display: flex; flex-direction: column; gap: 6px; }
  .day { text-align: center; margin: 8px 0 2px; }
  .day span { background: rgba(0,0,0,.22); color: #fff; font-size: 12.5px; padding: 3px 10px; border-radius: 12px; }
  .scene { text-align: center; color: #3f5230; font-size: 12px; font-style: italic; }
  .msg { display: flex; flex-direction: column; max-width: 86%; }
  .msg.in { align-self: flex-start; }
  .msg.out { align-self: flex-end; align-items: flex-end; }
  .bubble { background: #fff; border-radius: 14px 14px 14px 4px; padding: 6px 9px 4px; box-shadow: 0 1px 1px rgba(0,0,0,.12);
    overflow-wrap: anywhere; }
  .out .bubble { background: #e1ffc7; border-radius: 14px 14px 4px 14px; }
  .media .bubble { padding: 3px 3px 4px; }
  .media .text, .media .name { padding: 2px 6px 0; }
  .bubble img { display: block; width: 100%; border-radius: 11px; }
  .name { font-weight: 600; font-size: 13.5px; margin-bottom: 1px; }
  .text { white-space: pre-wrap; }
  .time { text-align: right; font-size: 11px; color: #8a969f; margin-top: -2px; padding: 0 4px; }
  .out .time { color: #5fa65a; }
  .file { display: flex; gap: 10px; align-items: center; padding: 4px 2px; }
  .file .icon { width: 42px; height: 42px; border-radius: 50%; background: #4fae4e; color: #fff; font-size: 12px;
    font-weight: 700; display: inline-flex; align-items: center; justify-content: center; }
  .link { color: #168acd; }
  code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13.5px; }
  .buttons { display: flex; flex-direction: column; gap: 4px; margin-top: 4px; width: 100%; }
  .buttons .row { display: flex; gap: 4px; }
  .buttons span { flex: 1; text-align: center; background: rgba(70,95,60,.45); color: #fff; border-radius: 10px;
    padding: 6px 8px; font-size: 14px; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(input.title)}</h1>
<div class="intro">${input.intro.map((p) => `<p>${p}</p>`).join("\n")}</div>
<div class="phones">
${phones.join("\n")}
</div>
</main>
</body>
</html>
`;
  return { html, images };
}
