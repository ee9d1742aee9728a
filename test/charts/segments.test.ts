import { describe, expect, it } from "vitest";
import { renderSegmentChart } from "../../src/charts/index.ts";
import {
  groupMax,
  rangeWord,
  SEGMENT_COLORS,
  segmentRowY,
  trackBox,
} from "../../src/charts/segment-chart.ts";
import { colors } from "../../src/charts/theme.ts";
import type { SegmentName } from "../../src/charts/types.ts";
import { close, colorNear, decode, differingPixels, hex, PNG_SIGNATURE } from "./pixels.ts";
import { segmentInput } from "./samples.ts";

const GROUP: Record<SegmentName, SegmentName[]> = {
  left_arm: ["left_arm", "right_arm"],
  right_arm: ["left_arm", "right_arm"],
  torso: ["torso"],
  left_leg: ["left_leg", "right_leg"],
  right_leg: ["left_leg", "right_leg"],
};

describe("renderSegmentChart", () => {
  const input = segmentInput();

  function xOf(segment: SegmentName, kind: "lean" | "fat", value: number): number {
    const { x, width } = trackBox();
    return x + (value / groupMax(input, GROUP[segment], kind)) * width;
  }

  it("draws each value marker where the value is, lean and fat", async () => {
    const png = await renderSegmentChart(input);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const pic = await decode(png);
    expect(pic.width).toBe(840);
    for (const segment of Object.keys(GROUP) as SegmentName[]) {
      const s = input.segments[segment];
      const leanY = segmentRowY(0, segment);
      const fatY = segmentRowY(1, segment);
      expect(colorNear(pic, xOf(segment, "lean", s.lean_kg!), leanY, SEGMENT_COLORS.lean, 2)).toBe(true);
      expect(colorNear(pic, xOf(segment, "fat", s.fat_kg!), fatY, SEGMENT_COLORS.fat, 2)).toBe(true);
      // Past the marker the bar stops.
      expect(colorNear(pic, xOf(segment, "fat", s.fat_kg!) + 12, fatY, SEGMENT_COLORS.fat, 1)).toBe(false);
    }
  });

  it("draws the sheet's range as a band", async () => {
    const pic = await decode(await renderSegmentChart(input));
    const [lo, hi] = input.segments.torso.lean_range!;
    const y = segmentRowY(0, "torso") - 10;
    const [r, g, b] = hex(colors.green);
    const tint = (c: number) => Math.round(255 - 0.2 * (255 - c));
    expect(close(pic.at(xOf("torso", "lean", (lo + hi) / 2), y), [tint(r), tint(g), tint(b)], 20)).toBe(true);
    expect(pic.at(xOf("torso", "lean", lo * 0.5), y)).toEqual([255, 255, 255]);
  });

  it("describes, never judges", () => {
    expect(rangeWord(1, [2, 3])).toBe("below range");
    expect(rangeWord(2.5, [2, 3])).toBe("within range");
    expect(rangeWord(4, [2, 3])).toBe("above range");
    expect(rangeWord(4, null)).toBe("");
  });

  it("shows pounds when asked and handles a missing value", async () => {
    const kg = await decode(await renderSegmentChart(input));
    const lbInput = segmentInput("lb");
    lbInput.segments.torso = { ...lbInput.segments.torso, fat_kg: null, fat_range: null };
    const lb = await decode(await renderSegmentChart(lbInput));
    expect(differingPixels(kg, lb)).toBeGreaterThan(500);
  });
});
