// The words members type after /progress and /leaderboard, read once for both platforms.
import { describe, expect, it } from "vitest";
import { parseBoardWords, parseProgressWords } from "../../src/use-cases/periods.ts";

describe("/progress words", () => {
  it("take a period and the segments view, in any order", () => {
    expect(parseProgressWords(["segments", "90d"])).toEqual({ kind: "ok", period: "90d", focus: "segments" });
    expect(parseProgressWords(["quarter", "balance"])).toEqual({
      kind: "ok",
      period: "90d",
      focus: "segments",
    });
    expect(parseProgressWords([undefined, undefined])).toEqual({ kind: "ok", period: "all", focus: null });
  });

  it("keep an unknown word to say so, and refuse a board-only period", () => {
    expect(parseProgressWords(["arms"])).toEqual({ kind: "ok", period: "all", focus: { unknown: "arms" } });
    expect(parseProgressWords(["challenge"])).toEqual({ kind: "bad_period", word: "challenge" });
  });
});

describe("/leaderboard words", () => {
  const defaults = { metric: "composite", period: "challenge" } as const;

  it("take a metric by any alias and a period, over the group's defaults", () => {
    expect(parseBoardWords(["fat", "30d"], defaults)).toEqual({
      kind: "ok",
      metric: "fat_loss_pct",
      period: "30d",
    });
    expect(parseBoardWords(["month", "BF%"], defaults)).toEqual({
      kind: "ok",
      metric: "body_fat_pct_points",
      period: "30d",
    });
    expect(parseBoardWords([], defaults)).toEqual({ kind: "ok", ...defaults });
  });

  it("name the word it cannot use", () => {
    expect(parseBoardWords(["abs"], defaults)).toEqual({ kind: "bad_metric", word: "abs" });
    expect(parseBoardWords(["muscle", "1y"], defaults)).toEqual({ kind: "bad_period", word: "1y" });
  });
});
