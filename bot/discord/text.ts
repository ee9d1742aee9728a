// Discord-specific wording and the 2000-character message limit.
import { discordMarkdown } from "../replies/markup.ts";

export const MAX_MESSAGE = 2000;
export const md = discordMarkdown;

/** Splits at line breaks so no message exceeds Discord's limit (a single overlong line is cut hard). */
export function splitMessage(text: string, max = MAX_MESSAGE): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    let rest = line;
    while (rest.length > max) {
      if (current) parts.push(current);
      current = "";
      parts.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    const next = current ? `${current}\n${rest}` : rest;
    if (next.length > max) {
      parts.push(current);
      current = rest;
    } else current = next;
  }
  if (current) parts.push(current);
  return parts;
}

export const DETAILS_IN_DM = md.italic("Exact numbers and your chart are in your DMs.");
export const DETAILS_ONLY_FOR_YOU = md.italic("Only you can see these exact numbers and this chart.");
export const DMS_CLOSED = md.italic(
  "I keep exact body numbers out of the server, and your DMs are closed to me — use /progress here to see yours (only you will see the answer).",
);
export const NOT_ALLOWED = "You don't have permission to do that.";
export const HOW_TO_SCAN =
  "Send me the PDF of your Evolt 360 scan (attach it here, or use /scan). /help shows everything I can do.";
