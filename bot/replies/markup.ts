// How a platform formats text. Every builder in bot/replies takes a Markup, so one builder serves both
// platforms: Telegram HTML, Discord Markdown, and plain text for the CLI and the demo transcript.

export interface Markup {
  bold(text: string): string;
  italic(text: string): string;
  /** escapes text that comes from users or sheets */
  escape(text: string): string;
}

export const telegramHtml: Markup = {
  bold: (t) => `<b>${t}</b>`,
  italic: (t) => `<i>${t}</i>`,
  escape: (t) => t.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;"),
};

export const discordMarkdown: Markup = {
  bold: (t) => `**${t}**`,
  italic: (t) => `*${t}*`,
  // \x60 is the backtick (code spans)
  escape: (t) => t.replace(/([\\*_~\x60|>#[\]()-])/g, "\\$1").replace(/@/g, "@\u200b"),
};

export const plainText: Markup = { bold: (t) => t, italic: (t) => t, escape: (t) => t };

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
