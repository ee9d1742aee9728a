// The words of /link and /unlink on both platforms: the code, where to send it, and every refusal.
import { describe, expect, it } from "vitest";
import { forgetLinkedNote, linkCodeText, linkText, unlinkText } from "../../../bot/replies/link.ts";
import { discordMarkdown, telegramHtml } from "../../../bot/replies/markup.ts";
import type { LinkResult } from "../../../src/use-cases/link-accounts.ts";

describe("link replies", () => {
  it("tell where to send the code: the other platform, within its minutes", () => {
    const code = { kind: "code", code: "K7QX-M2PD", validMinutes: 10 } as const;
    const fromTelegram = linkCodeText(code, telegramHtml, "telegram");
    expect(fromTelegram).toContain("<b>/link code:K7QX-M2PD</b>");
    expect(fromTelegram).toContain("On Discord");
    expect(fromTelegram).toContain("10 minutes");
    const fromDiscord = linkCodeText(code, discordMarkdown, "discord");
    expect(fromDiscord).toContain("**/link K7QX-M2PD**");
    expect(fromDiscord).toContain("On Telegram");
    expect(linkCodeText({ kind: "too_many_codes", perHour: 5 }, telegramHtml, "telegram")).toContain(
      "5 link codes in the last hour",
    );
  });

  it("word every outcome of /link CODE and /unlink, naming the platforms", () => {
    const outcomes: LinkResult[] = [
      { kind: "linked", platforms: ["telegram", "discord"] },
      { kind: "wrong" },
      { kind: "expired" },
      { kind: "too_many_tries", minutes: 10 },
      { kind: "same_person" },
      { kind: "platform_taken", platform: "discord" },
    ];
    const texts = outcomes.map((r) => linkText(r, "telegram"));
    expect(new Set(texts).size).toBe(outcomes.length);
    expect(texts[0]).toContain("Telegram and Discord accounts are now one member");
    expect(texts[3]).toContain("wait 10 minutes");
    expect(texts[5]).toContain("a Discord account linked");
    expect(texts[0]).toContain("each group's leaderboard");
    expect(linkText(outcomes[0]!, "discord")).toContain("each server's leaderboard");
    expect(unlinkText({ kind: "unlinked", platform: "discord" })).toContain("this Discord account");
    expect(unlinkText({ kind: "not_linked" })).toContain("not linked");
  });

  it("add a line to /forget's question only when accounts are linked", () => {
    expect(forgetLinkedNote([], telegramHtml)).toBe("");
    expect(forgetLinkedNote(["discord"], telegramHtml)).toContain("this forgets you on Discord too");
  });
});
