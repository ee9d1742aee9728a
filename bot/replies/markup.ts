// Platform-neutral text: builders take a Markup (src/use-cases/ports.ts) and each platform supplies its own.
import type { Markup } from "../../src/use-cases/ports.ts";

export type { Markup } from "../../src/use-cases/ports.ts";

export const telegramHtml: Markup = {
  bold: (t) => `<b>${t}</b>`,
  italic: (t) => `<i>${t}</i>`,
  escape: (t) => t.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;"),
};

export const discordMarkdown: Markup = {
  bold: (t) => `**${t}**`,
  italic: (t) => `*${t}*`,
  escape: (t) => t.replace(/([\\*_~`|>#[\]()-])/g, "\\$1").replace(/@/g, "@\u200b"),
};

export const plainText: Markup = { bold: (t) => t, italic: (t) => t, escape: (t) => t };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "12 Mar" (or "12 Mar 2025" when not in `currentYear`) from an ISO date-time without zone */
export function shortDate(iso: string, currentYear?: number): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  const base = `${d} ${MONTHS[m - 1]}`;
  return currentYear !== undefined && y !== currentYear ? `${base} ${y}` : base;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
