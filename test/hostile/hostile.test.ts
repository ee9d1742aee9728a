// Every file of the hostile corpus through the real cage (child processes), twice: one after the other,
// then all at once from several members. Nothing hangs or crashes, nothing is accepted with values the
// sheet does not print, every verdict is the one the file deserves, and the same bytes get the same code
// under load — decided by the deterministic budgets, never by the cage's time or memory limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCAN_ERROR_CODES } from "../../src/domain/scan-record.ts";
import { ExtractorPool } from "../../src/extract/cage/pool.ts";
import { type HostileFile, hostileCorpus } from "./corpus.ts";
import { judge, label, type Outcome, outcomeOf } from "./outcome.ts";

let corpus: HostileFile[];
let pool: ExtractorPool;
let alone: Outcome[];
let together: Outcome[];

beforeAll(async () => {
  corpus = await hostileCorpus();
  pool = new ExtractorPool({ whenFull: "wait", queueLimit: 10_000, queuePerKey: 10_000 });
  alone = [];
  for (const file of corpus) alone.push(await outcomeOf(pool.extract(file.bytes, { key: "alone" })));
  together = await Promise.all(
    corpus.map((file, i) => outcomeOf(pool.extract(file.bytes, { key: `member-${i % 7}` }))),
  );
}, 300_000);

afterAll(async () => {
  await pool?.close();
});

describe("the hostile corpus", () => {
  it("holds 300+ files of every kind, made at test time", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const kinds = new Set(corpus.map((file) => file.kind));
    for (const kind of [
      "decompression bomb",
      "nesting",
      "many items",
      "cross-reference",
      "pages and sizes",
      "fonts and CMaps",
      "truncated",
      "flipped bytes",
      "ZIP and polyglots",
      "encrypted",
      "cover pages",
      "scripts",
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  it("gets a verdict for every file: a record or a known code", () => {
    expect(alone).toHaveLength(corpus.length);
    for (const outcome of alone) {
      if ("code" in outcome) expect(SCAN_ERROR_CODES).toContain(outcome.code);
      else expect(outcome.record.format).toBe("evolt360");
    }
  });

  it("accepts nothing with values the sheet does not print, and refuses with the right code", () => {
    const wrong = corpus
      .map((file, i) => ({ file, outcome: alone[i]! }))
      .filter(({ file, outcome }) => judge(outcome, file.expect) === "wrong")
      .map(({ file, outcome }) => `${file.kind}/${file.name}: ${label(outcome)}`);
    expect(wrong).toEqual([]);
  });

  it("reads a sheet behind cover pages, and a sheet whose file also carries a script", () => {
    for (const name of [
      "cover-then-sheet",
      "two-covers-then-sheet",
      "blank-cover-then-sheet",
      "javascript-open-action",
    ]) {
      const outcome = alone[corpus.findIndex((file) => file.name === name)]!;
      expect(label(outcome), name).toBe("accepted");
    }
  });

  it("gives the same bytes the same verdict alone and under parallel load", () => {
    const changed = corpus
      .map((file, i) => ({ name: file.name, alone: label(alone[i]!), together: label(together[i]!) }))
      .filter((row) => row.alone !== row.together);
    expect(changed).toEqual([]);
  });

  it("decides every file by its budgets: no worker was killed for time, memory or output", () => {
    expect(pool.stats().kills).toEqual({ time: 0, memory: 0, output: 0, exit: 0 });
  });
});
