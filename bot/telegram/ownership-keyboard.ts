// "Is this scan yours?" under a scan whose printed name differs: answered by the sender only (the use-case
// checks). Shared by a PDF's reply (scan.ts) and a saved photo's (photo-reads.ts).
import { InlineKeyboard } from "grammy";
import { NAME_MISMATCH_BUTTONS } from "../replies/scan.ts";

export function ownershipKeyboard(scanReportId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(NAME_MISMATCH_BUTTONS.mine, `own:${scanReportId}:y`)
    .text(NAME_MISMATCH_BUTTONS.notMine, `own:${scanReportId}:n`);
}
