import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { formatNumber, formatSigned, KG_TO_LB, parseLocal, toDisplay } from "../../src/charts/format.ts";
import { initCharts } from "../../src/charts/setup.ts";
import { cleanName, fitText, wrapNames } from "../../src/charts/text.ts";
import { timeAxisFor } from "../../src/charts/time-axis.ts";

describe("chart text helpers", () => {
  it("removes emoji, flags and skin tones but keeps letters", () => {
    expect(cleanName("Mia \u{1F4AA}\u{1F3FD}")).toBe("Mia");
    expect(cleanName("\u{1F1EC}\u{1F1E7} Tom")).toBe("Tom");
    expect(cleanName("Zo\u00EB  \u{1F468}\u200D\u{1F469}\u200D\u{1F467} K.")).toBe("Zo\u00EB K.");
    expect(cleanName("\u{1F525}\u{1F525}")).toBe("Member");
    expect(cleanName("\u0410\u043D\u044F")).toBe("\u0410\u043D\u044F");
  });

  it("fits long names with an ellipsis and keeps short ones", () => {
    initCharts();
    const ctx = createCanvas(10, 10).getContext("2d");
    ctx.font = "400 14px Inter";
    expect(fitText(ctx, "Sam", 100)).toBe("Sam");
    const fitted = fitText(ctx, "Alexandra Konstantinopoulou-Smith", 100);
    expect(fitted.endsWith("\u2026")).toBe(true);
    expect(ctx.measureText(fitted).width).toBeLessThanOrEqual(100);
    const lines = wrapNames(
      ctx,
      Array.from({ length: 40 }, (_, i) => `Name${i}`),
      200,
      2,
    );
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines.at(-1)).toMatch(/\+\d+ more$/);
  });

  it("formats numbers with a true minus and converts kg to lb for display only", () => {
    expect(formatNumber(-1.25)).toBe("\u22121.3");
    expect(formatSigned(0.04)).toBe("\u00B10.0");
    expect(formatSigned(2)).toBe("+2.0");
    expect(toDisplay(10, true, "lb")).toBeCloseTo(10 * KG_TO_LB, 9);
    expect(toDisplay(20, false, "lb")).toBe(20);
    expect(parseLocal("2026-03-14T07:35").getHours()).toBe(7);
  });

  it("adapts the time unit to the span", () => {
    const day = 86_400_000;
    const t0 = Date.UTC(2025, 0, 1);
    expect(timeAxisFor([t0, t0 + 5 * day]).unit).toBe("day");
    expect(timeAxisFor([t0, t0 + 60 * day]).unit).toBe("week");
    expect(timeAxisFor([t0, t0 + 300 * day]).unit).toBe("month");
    expect(timeAxisFor([t0, t0 + 800 * day]).unit).toBe("quarter");
    expect(timeAxisFor([t0, t0 + 2000 * day]).unit).toBe("year");
    const same = timeAxisFor([t0, t0]);
    expect(same.max - same.min).toBeGreaterThan(0);
  });
});
