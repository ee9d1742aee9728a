import type { ScanErrorCode } from "../domain/scan-record.ts";

/** What a gym member reads when a file is refused: what went wrong and what to do next. */
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
  not_evolt_report:
    "This doesn't look like an Evolt 360 body scan sheet. Please send the PDF of your Evolt 360 scan from the Evolt Active app.",
  unsupported_layout:
    "This looks like an Evolt 360 sheet, but its layout can't be read reliably yet. Your file is kept and will be read again after the next update of the reader. Your coach can help us add it by sending in the sheet's layout (it holds none of your values).",
  implausible_values:
    "Some numbers on this sheet don't add up, so we couldn't trust what we read. Please export the PDF again from the Evolt Active app and send it again, or ask your gym to check the scan.",
};
