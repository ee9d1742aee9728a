// A file that is not a readable scan, in words for a gym member: what went wrong and what to do next.
// The extractor and the ingest only return the code; chat replies and `pump parse` take the words here.
import type { ScanErrorCode } from "../../src/domain/scan-record.ts";
import type { Markup } from "./markup.ts";

export const REJECTION_MESSAGES: Record<ScanErrorCode, string> = {
  not_pdf: "This file isn't a PDF. Please send the PDF of your Evolt 360 scan from the Evolt Active app.",
  corrupt_pdf:
    "This PDF seems damaged and can't be opened. Please download it again from the Evolt Active app and send it again.",
  encrypted_pdf:
    "This PDF is password-protected, so it can't be read. Please send a copy without a password (download it again from the Evolt Active app).",
  too_large:
    "This file is too big to be an Evolt 360 scan (the scan is a single page). Please send just the scan PDF from the Evolt Active app.",
  no_text_layer:
    "This PDF looks like a photo or scan of the sheet, so its numbers can't be read. Please send the original PDF from the Evolt Active app instead.",
  unreadable_image:
    "I couldn't find an Evolt 360 sheet in this picture. Please take the photo again from straight above, with the whole sheet in the frame and no glare, or send the PDF from the Evolt Active app.",
  not_evolt_report:
    "This doesn't look like an Evolt 360 body scan sheet. Please send the PDF of your Evolt 360 scan from the Evolt Active app.",
  unsupported_layout:
    "This looks like an Evolt 360 sheet, but its layout can't be read reliably yet. Your file is kept and will be read again after the next update of the reader. Please ask your coach to send in the sheet's layout (it holds none of your values) so we can add it.",
  implausible_values:
    "Some numbers on this sheet don't add up, so we couldn't trust what we read. Please export the PDF again from the Evolt Active app and send it again, or ask your gym to check the scan.",
};

const REJECTION_TIPS: Partial<Record<ScanErrorCode, string>> = {
  not_pdf: "Send the PDF file itself (in the Evolt Active app: your scan → Share/Download PDF).",
  no_text_layer:
    "A photo or a scanned printout can't be read reliably — please send the PDF from the Evolt Active app instead.",
  encrypted_pdf: "Export it again without a password and send that.",
};

/**
 * Verdicts that mean "some other document": an invoice, a long brochure, a scanned timetable or a locked
 * bank statement dropped in a group is not for the bot, so in a group it stays quiet about them unless the
 * sender addressed it. A broken or implausible scan sheet is answered everywhere: it was meant for us.
 */
const QUIET_IN_GROUPS: ReadonlySet<ScanErrorCode> = new Set<ScanErrorCode>([
  "not_pdf",
  "too_large",
  "encrypted_pdf",
  "no_text_layer",
  "unreadable_image",
  "not_evolt_report",
]);

/** The one rule both platforms follow for a rejected file posted in a group. */
export function answerRejectionInGroup(code: ScanErrorCode, addressedToBot: boolean): boolean {
  return addressedToBot || !QUIET_IN_GROUPS.has(code);
}

export function rejectedText(code: ScanErrorCode, m: Markup): string {
  const message = REJECTION_MESSAGES[code];
  const tip = REJECTION_TIPS[code];
  return [
    `⚠️ ${m.escape(message)}`,
    tip && tip !== message ? m.escape(tip) : null,
    m.italic("Nothing was added to your history."),
  ]
    .filter(Boolean)
    .join("\n");
}

/** `pump parse`'s one line (scan-format.md): `error: <code>: <message for a person>`. */
export function rejectionLine(code: ScanErrorCode): string {
  return `error: ${code}: ${REJECTION_MESSAGES[code]}`;
}
