// A file that is not a readable scan: the words, and when a group hears about it at all.
import { describe, expect, it } from "vitest";
import { discordMarkdown, plainText } from "../../../bot/replies/markup.ts";
import {
  answerRejectionInGroup,
  REJECTION_MESSAGES,
  rejectedText,
  rejectionLine,
} from "../../../bot/replies/rejections.ts";
import { SCAN_ERROR_CODES } from "../../../src/domain/scan-record.ts";

describe("rejections", () => {
  it("have words a member can act on for every code", () => {
    for (const code of SCAN_ERROR_CODES) expect(REJECTION_MESSAGES[code]).toMatch(/^[A-Z].+\. Please .+\.$/);
  });

  it("stay quiet in a group about other documents, the same on every platform, unless asked", () => {
    const quiet = SCAN_ERROR_CODES.filter((code) => !answerRejectionInGroup(code, false));
    expect(quiet).toEqual([
      "not_pdf",
      "encrypted_pdf",
      "too_large",
      "no_text_layer",
      "unreadable_image",
      "not_evolt_report",
    ]);
    for (const code of SCAN_ERROR_CODES) expect(answerRejectionInGroup(code, true)).toBe(true);
  });

  it("answer a broken or implausible sheet: it was meant for the bot", () => {
    for (const code of ["corrupt_pdf", "unsupported_layout", "implausible_values"] as const)
      expect(answerRejectionInGroup(code, false)).toBe(true);
  });

  it("add a tip when there is one, and say nothing was added", () => {
    expect(rejectedText("encrypted_pdf", plainText).split("\n")).toEqual([
      `⚠️ ${REJECTION_MESSAGES.encrypted_pdf}`,
      "Export it again without a password and send that.",
      "Nothing was added to your history.",
    ]);
    expect(rejectedText("not_evolt_report", discordMarkdown)).toContain(
      "*Nothing was added to your history.*",
    );
  });

  it("are one line on the command line (scan-format.md)", () => {
    expect(rejectionLine("not_pdf")).toBe(`error: not_pdf: ${REJECTION_MESSAGES.not_pdf}`);
    expect(rejectionLine("corrupt_pdf")).not.toContain("\n");
  });
});
