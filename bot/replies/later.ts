// Replies that come after the update: the cage was busy ("I'll read it in a minute"), and the line that
// introduces a scan read after a parser update.
import { shortDate } from "../../src/domain/calendar.ts";
import type { Markup } from "./markup.ts";

export const READ_LATER =
  "⏳ I'm busy reading other files right now. I've kept yours and I'll read it in a minute — the answer comes here.";

/** Goes above the normal reply to a file that `pump reprocess` could read after a parser update. */
export function readNowIntro(m: Markup, scannedAt: string): string {
  return `🔄 ${m.bold(`Your scan of ${shortDate(scannedAt)} ${scannedAt.slice(0, 4)} could be read now`)}: the reader was updated.`;
}
