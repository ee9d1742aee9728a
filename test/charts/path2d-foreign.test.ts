// A Path2D that the canvas does not understand (as from a second copy of the canvas package) must not
// make lines vanish. Installed before chart.js loads, as chart.js decides at load time to use Path2D.
import { describe, it } from "vitest";

class ForeignPath2D {
  moveTo() {}
  lineTo() {}
  closePath() {}
  bezierCurveTo() {}
  quadraticCurveTo() {}
  arc() {}
  rect() {}
}

describe("with a foreign global Path2D", () => {
  it("still strokes line charts", async () => {
    const g = globalThis as { Path2D?: unknown };
    const original = g.Path2D;
    g.Path2D = ForeignPath2D;
    try {
      const { expectLineDrawn } = await import("./line-assertions.ts");
      await expectLineDrawn();
    } finally {
      g.Path2D = original;
    }
  });
});
