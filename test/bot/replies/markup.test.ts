// The same builder on every platform: escaping, and long replies cut into messages.
import { describe, expect, it } from "vitest";
import { discordMarkdown, plural, telegramHtml } from "../../../bot/replies/markup.ts";
import { splitText } from "../../../bot/replies/split.ts";

describe("markup", () => {
  it("escapes what users and sheets wrote, per platform", () => {
    expect(telegramHtml.escape("Ben & <Co>")).toBe("Ben &amp; &lt;Co&gt;");
    expect(discordMarkdown.escape("*bold* _it_ `code` @everyone")).toBe(
      "\\*bold\\* \\_it\\_ \\`code\\` @\u200beveryone",
    );
    expect(telegramHtml.bold("x")).toBe("<b>x</b>");
    expect(discordMarkdown.italic("x")).toBe("*x*");
  });

  it("counts in words", () => {
    expect(plural(1, "scan")).toBe("1 scan");
    expect(plural(2, "scan")).toBe("2 scans");
  });
});

describe("splitText", () => {
  it("keeps a short text whole", () => {
    expect(splitText("a\nb", 10)).toEqual(["a\nb"]);
  });

  it("cuts at line breaks, never beyond the limit, and loses nothing", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i} ${"x".repeat(i % 7)}`);
    const text = lines.join("\n");
    const parts = splitText(text, 60);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(60);
    expect(parts.join("\n")).toBe(text);
  });

  it("cuts a single overlong line hard", () => {
    expect(splitText(`${"y".repeat(25)}\nend`, 10)).toEqual(["yyyyyyyyyy", "yyyyyyyyyy", "yyyyy\nend"]);
  });
});
