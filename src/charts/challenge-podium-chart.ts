// The finish of a challenge in one picture: a podium for the top three (ties share a step), then the full
// board with each score's noise class. Hand-drawn like the weekly card: people and short facts, no axes.
import type { SKRSContext2D } from "@napi-rs/canvas";
import { drawBanner, drawCheckBadge, drawText, fillRoundRect } from "./draw.ts";
import { createSurface, encodePng } from "./surface.ts";
import { cleanName, fitText } from "./text.ts";
import { colors, font, IMAGE_WIDTH } from "./theme.ts";
import type { ChallengePodiumInput, ChallengePodiumRow } from "./types.ts";

const W = IMAGE_WIDTH;
const M = 16;
export const PODIUM_HEADER = 78;
export const PODIUM_HEIGHT = 176;
const ROW = 26;
const MAX_ROWS = 20;
/** step heights for places 1, 2, 3 */
export const STEPS = [96, 68, 48] as const;
export const STEP_COLORS = [colors.orange, colors.sky, colors.purple] as const;
const NOISE_LABEL = { real: "real", likely: "likely", within_noise: "within noise" } as const;

function signed(score: number): string {
  const text = Math.abs(score).toFixed(1);
  return score > 0 ? `+${text}` : score < 0 ? `\u2212${text}` : text;
}

/** Names on each podium step (ranks 1–3; several names when tied). */
function steps(rows: ChallengePodiumRow[]): ChallengePodiumRow[][] {
  return [1, 2, 3].map((rank) => rows.filter((r) => r.rank === rank));
}

function paintStep(
  ctx: SKRSContext2D,
  place: number,
  names: ChallengePodiumRow[],
  x: number,
  width: number,
  bottom: number,
  unit: string,
): void {
  const height = STEPS[place]!;
  const top = bottom - height;
  fillRoundRect(ctx, x, top, width, height, 8, STEP_COLORS[place]!);
  drawText(ctx, String(place + 1), x + width / 2, top + 34, {
    size: 28,
    weight: 700,
    color: "#ffffff",
    align: "center",
  });
  if (names.length === 0) return;
  const shown = names.slice(0, 2);
  const label =
    shown.map((r) => cleanName(r.name)).join(" & ") + (names.length > 2 ? ` +${names.length - 2}` : "");
  ctx.font = font(13, 700);
  drawText(ctx, fitText(ctx, label, width + 8), x + width / 2, top - 26, {
    size: 13,
    weight: 700,
    align: "center",
  });
  drawText(ctx, `${signed(names[0]!.score)} ${unit}`, x + width / 2, top - 9, {
    size: 12,
    color: colors.muted,
    align: "center",
  });
}

function paintRow(
  ctx: SKRSContext2D,
  row: ChallengePodiumRow,
  top: number,
  unit: string,
  shade: boolean,
): void {
  if (shade) fillRoundRect(ctx, M, top, W - 2 * M, ROW, 6, colors.card);
  const mid = top + ROW / 2 + 5;
  drawText(ctx, row.tied ? `=${row.rank}` : String(row.rank), M + 10, mid, { size: 13, weight: 700 });
  ctx.font = font(13);
  const nameWidth = 170;
  drawText(ctx, fitText(ctx, cleanName(row.name) + (row.flagged ? " \u26a0" : ""), nameWidth), M + 44, mid, {
    size: 13,
  });
  if (row.reached) drawCheckBadge(ctx, M + 44 + nameWidth + 14, top + ROW / 2, 7, colors.green);
  drawText(ctx, `${signed(row.score)} ${unit}`, W - M - 96, mid, { size: 13, weight: 600, align: "right" });
  const noiseColor = row.noiseClass === "real" ? colors.blue : colors.noise;
  drawText(ctx, NOISE_LABEL[row.noiseClass], W - M - 10, mid, {
    size: 11,
    color: noiseColor,
    align: "right",
  });
}

export async function renderChallengePodiumChart(input: ChallengePodiumInput): Promise<Buffer> {
  const rows = input.rows.slice(0, MAX_ROWS);
  const more = input.rows.length - rows.length;
  const notes = [
    input.notRanked.length > 0 ? `Not ranked (no baseline or result): ${input.notRanked.length}` : null,
    more > 0 ? `+${more} more on the board` : null,
    input.rows.some((r) => r.flagged)
      ? "\u26a0 result scan after training or at an unusual hour (water)"
      : null,
    "Within noise counts as no change: those entrants tie.",
  ].filter((n): n is string => n !== null);
  const height = PODIUM_HEADER + PODIUM_HEIGHT + 12 + rows.length * ROW + 14 + notes.length * 18 + 12;
  const { canvas, ctx } = createSurface(W, height);

  drawBanner(ctx, cleanName(input.title, "Challenge"), input.subtitle, W, PODIUM_HEADER, M);

  const bottom = PODIUM_HEADER + PODIUM_HEIGHT;
  const stepWidth = 110;
  const gap = 8;
  const centre = W / 2;
  // 2nd left, 1st middle, 3rd right
  const xs = [centre - stepWidth / 2, centre - stepWidth * 1.5 - gap, centre + stepWidth / 2 + gap];
  const podium = steps(rows);
  [1, 0, 2].forEach((place) => {
    paintStep(ctx, place, podium[place]!, xs[place]!, stepWidth, bottom, input.unitLabel);
  });
  ctx.fillStyle = colors.axis;
  ctx.fillRect(M, bottom, W - 2 * M, 2);

  let top = bottom + 12;
  rows.forEach((row, i) => {
    paintRow(ctx, row, top, input.unitLabel, i % 2 === 0);
    top += ROW;
  });
  top += 14;
  for (const note of notes) {
    drawText(ctx, fitText(ctx, note, W - 2 * M), M, top + 4, { size: 12, color: colors.muted });
    top += 18;
  }
  return encodePng(canvas);
}
