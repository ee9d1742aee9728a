// pdf.js installs a global Path2D when it loads; line charts must still draw their lines afterwards.
import "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { expectLineDrawn } from "./line-assertions.ts";

describe("after pdf.js is loaded", () => {
  it("has pdf.js's global Path2D in place", () => {
    expect(typeof (globalThis as { Path2D?: unknown }).Path2D).toBe("function");
  });

  it("still strokes line charts", async () => {
    await expectLineDrawn();
  });
});
