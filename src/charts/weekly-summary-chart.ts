// The group's week in one picture. Hand-drawn cards: a list of people and short facts reads better than axes.
import type { SKRSContext2D } from "@napi-rs/canvas";
import { drawBanner, drawCheckBadge, drawText, drawTriangle, fillRoundRect } from "./draw.ts";
import { createSurface, encodePng, measureContext } from "./surface.ts";
import { cleanName, fitText, wrapNames, wrapText } from "./text.ts";
import { colors, font, IMAGE_WIDTH } from "./theme.ts";
import type { WeeklySummaryChartInput } from "./types.ts";

const W = IMAGE_WIDTH;
const M = 16;
const PAD = 14;
const INNER = W - 2 * M - 2 * PAD;
const MAX_ROWS = 5;
const ROW = 24;

type Painter = (ctx: SKRSContext2D, top: number) => void;
interface Block {
  height: number;
  paint: Painter;
}

function section(
  title: string,
  count: string | null,
  bodyHeight: number,
  body: Painter,
  key?: Painter,
): Block {
  const height = 34 + bodyHeight + 10;
  return {
    height,
    paint(ctx, top) {
      fillRoundRect(ctx, M, top, W - 2 * M, height, 12, colors.card);
      const w = drawText(ctx, title, M + PAD, top + 24, { size: 14, weight: 700 });
      if (count)
        drawText(ctx, count, M + PAD + w + 6, top + 24, { size: 14, weight: 400, color: colors.muted });
      key?.(ctx, top + 24);
      body(ctx, top + 34);
    },
  };
}

function nameLines(names: string[], size: number): string[] {
  const ctx = measureContext();
  ctx.font = font(size);
  return wrapNames(
    ctx,
    names.map((n) => cleanName(n)),
    INNER,
    3,
  );
}

function linesBlock(title: string, names: string[], color: string = colors.ink): Block {
  const lines = nameLines(names, 14);
  return section(title, String(names.length), lines.length * 20, (ctx, top) => {
    lines.forEach((line, i) => {
      drawText(ctx, line, M + PAD, top + 14 + i * 20, { size: 14, color });
    });
  });
}

function moreRow(ctx: SKRSContext2D, total: number, top: number): void {
  if (total > MAX_ROWS) {
    drawText(ctx, `+${total - MAX_ROWS} more`, M + PAD, top + MAX_ROWS * ROW + 14, {
      size: 12,
      color: colors.muted,
    });
  }
}

/** "● good  ● other way", right-aligned on a section's title line. */
function dotKey(ctx: SKRSContext2D, baseline: number): void {
  let x = M + PAD + INNER;
  for (const [label, color] of [
    ["other way", colors.orange],
    ["good", colors.blue],
  ] as const) {
    ctx.font = font(11);
    x -= ctx.measureText(label).width;
    drawText(ctx, label, x, baseline, { size: 11, color: colors.muted });
    ctx.beginPath();
    ctx.arc(x - 8, baseline - 4, 4, 0, Math.PI * 2);
    ctx.fillStyle = color;
    ctx.fill();
    x -= 24;
  }
}

function rowsBlock<T>(
  title: string,
  items: T[],
  row: (ctx: SKRSContext2D, item: T, y: number) => void,
  key?: Painter,
): Block {
  const shown = items.slice(0, MAX_ROWS);
  const extra = items.length > MAX_ROWS ? 20 : 0;
  return section(
    title,
    null,
    shown.length * ROW + extra,
    (ctx, top) => {
      shown.forEach((item, i) => {
        row(ctx, item, top + 12 + i * ROW);
      });
      moreRow(ctx, items.length, top);
    },
    key,
  );
}

/** Name on the left, fact on the right, both fitted so they never overlap. */
function nameAndFact(
  ctx: SKRSContext2D,
  x: number,
  y: number,
  name: string,
  fact: string,
  factColor: string,
) {
  const right = M + PAD + INNER;
  ctx.font = font(14, 600);
  const factWidth = Math.min(ctx.measureText(fact).width, INNER * 0.55);
  drawText(ctx, fitText(ctx, fact, factWidth + 1), right, y, {
    size: 14,
    weight: 600,
    color: factColor,
    align: "right",
    baseline: "middle",
  });
  ctx.font = font(14);
  drawText(ctx, fitText(ctx, cleanName(name), right - factWidth - 12 - x), x, y, {
    size: 14,
    baseline: "middle",
  });
}

function blocks(input: WeeklySummaryChartInput): Block[] {
  const out: Block[] = [];
  if (input.scanned.length > 0) out.push(linesBlock("Scanned this week", input.scanned));
  if (input.realChanges.length > 0) {
    out.push(
      rowsBlock(
        "Biggest real changes",
        input.realChanges,
        (ctx, c, y) => {
          ctx.beginPath();
          ctx.arc(M + PAD + 5, y, 5, 0, Math.PI * 2);
          ctx.fillStyle = c.good ? colors.blue : colors.orange;
          ctx.fill();
          nameAndFact(ctx, M + PAD + 18, y, c.name, c.label, colors.ink);
        },
        dotKey,
      ),
    );
  }
  if (input.movers.length > 0) {
    out.push(
      rowsBlock("Leaderboard movers", input.movers, (ctx, m, y) => {
        const up = m.from === null || m.to < m.from;
        drawTriangle(ctx, M + PAD + 5, y, 11, up ? "up" : "down", up ? colors.blue : colors.orange);
        const fact = m.from === null ? `new \u00B7 #${m.to}` : `#${m.from} \u2192 #${m.to}`;
        nameAndFact(ctx, M + PAD + 18, y, m.name, fact, colors.ink);
      }),
    );
  }
  if (input.goalsReached.length > 0) {
    out.push(
      rowsBlock("Goals reached", input.goalsReached, (ctx, g, y) => {
        drawCheckBadge(ctx, M + PAD + 6, y, 7, colors.green);
        nameAndFact(ctx, M + PAD + 20, y, g.name, g.label, colors.green);
      }),
    );
  }
  if (input.dueRescan.length > 0) out.push(linesBlock("Due a rescan", input.dueRescan, colors.muted));
  return out;
}

function quietBlock(): Block {
  const ctx = measureContext();
  ctx.font = font(14);
  const lines = wrapText(
    ctx,
    "No scans this week. A good moment to book your next one \u2014 the chart loves a new point.",
    INNER,
  );
  const height = 44 + lines.length * 20 + 14;
  return {
    height,
    paint(c, top) {
      fillRoundRect(c, M, top, W - 2 * M, height, 12, "#eaf4fb");
      drawText(c, "Quiet week", M + PAD, top + 30, { size: 18, weight: 700, color: colors.blue });
      lines.forEach((line, i) => {
        drawText(c, line, M + PAD, top + 54 + i * 20, { size: 14 });
      });
    },
  };
}

export function isQuietWeek(input: WeeklySummaryChartInput): boolean {
  return (
    input.scanned.length === 0 &&
    input.realChanges.length === 0 &&
    input.movers.length === 0 &&
    input.goalsReached.length === 0
  );
}

export const WEEKLY_HEADER_HEIGHT = 78;

export async function renderWeeklySummaryChart(input: WeeklySummaryChartInput): Promise<Buffer> {
  const quiet = isQuietWeek(input);
  const list = quiet ? [quietBlock(), ...blocks(input)] : blocks(input);
  const gap = 10;
  const footer = 30;
  const height = WEEKLY_HEADER_HEIGHT + 12 + list.reduce((sum, b) => sum + b.height + gap, 0) + footer;
  const { canvas, ctx } = createSurface(W, height);

  drawBanner(ctx, cleanName(input.groupName, "Your group"), input.weekLabel, W, WEEKLY_HEADER_HEIGHT, M);

  let top = WEEKLY_HEADER_HEIGHT + 12;
  for (const block of list) {
    block.paint(ctx, top);
    top += block.height + gap;
  }
  drawText(ctx, "Real changes are bigger than the scanner\u2019s measurement noise.", M, top + 10, {
    size: 12,
    color: colors.muted,
  });
  return encodePng(canvas);
}
