// chart.js draws on a transparent canvas; chat apps show transparent PNGs on dark themes as black.
import type { Plugin } from "chart.js";
import { colors } from "./theme.ts";

export const whiteBackground: Plugin = {
  id: "whiteBackground",
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = "destination-over";
    ctx.fillStyle = colors.background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};
