// The cage itself: real worker processes, real limits. Each pool here is small and short-lived.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ExtractorBusyError } from "../../src/domain/extractor-busy.ts";
import { ScanRejectedError } from "../../src/domain/scan-record.ts";
import { ExtractorPool, type ExtractorPoolOptions } from "../../src/extract/cage/pool.ts";
import { SCANS_DIR } from "../fixtures/generate.ts";
import { onePage, stream, writePdf, zeroBomb } from "./pdf-writer.ts";

const fixture = (name: string) => new Uint8Array(readFileSync(join(SCANS_DIR, `${name}.pdf`)));
const SHEET = fixture("example-alex-metric");
const NOT_A_PDF = fixture("not-a-pdf");
/** refused by its budget after inflating 16 MiB: takes the worker a while, the same while every time */
const BOMB = writePdf(onePage("", { extra: new Map([[9, stream("/Filter /FlateDecode", zeroBomb(64))]]) }));
/** within every budget, but 400 000 drawing operators keep a worker busy for a good part of a second */
const SLOW = writePdf(onePage(`${"0 0 m ".repeat(400_000)}BT /F1 10 Tf 50 700 Td (slow) Tj ET`));

const pools: ExtractorPool[] = [];
const pool = (options: ExtractorPoolOptions = {}) => {
  const created = new ExtractorPool(options);
  pools.push(created);
  return created;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const codeOf = async (reading: Promise<unknown>) => {
  try {
    await reading;
    return "accepted";
  } catch (error) {
    if (error instanceof ScanRejectedError) return error.code;
    if (error instanceof ExtractorBusyError) return "busy";
    throw error;
  }
};

describe("the parse cage", () => {
  it("reads a sheet in a worker process and refuses what is not one", async () => {
    const cage = pool({ size: 1 });
    const record = await cage.extract(SHEET);
    expect(record.metrics.weight_kg).toBe(78.4);
    expect(await codeOf(cage.extract(NOT_A_PDF))).toBe("not_pdf");
  });

  it("kills a task over its time limit, answers too_large and starts a fresh worker", async () => {
    const cage = pool({ size: 1, limits: { timeMs: 1 } });
    await cage.warmUp();
    expect(await codeOf(cage.extract(SHEET))).toBe("too_large");
    expect(cage.stats().kills.time).toBe(1);
    await expect.poll(() => cage.stats().idle, { timeout: 30_000 }).toBe(1);
  });

  it("kills a worker whose resident memory passes the limit", async () => {
    // a worker holds ~100 MB once pdf.js is loaded, and more while it reads 400 000 operators
    const cage = pool({ size: 1, limits: { memoryMb: 100 } });
    expect(await codeOf(cage.extract(SLOW))).toBe("too_large");
    expect(cage.stats().kills.memory).toBe(1);
  });

  it("kills a worker whose reply is larger than allowed, and reads the next file in a new one", async () => {
    // a record is a few KB; a refusal a few hundred bytes
    const cage = pool({ size: 1, limits: { outputBytes: 1500 } });
    expect(await codeOf(cage.extract(SHEET))).toBe("too_large");
    expect(cage.stats().kills.output).toBe(1);
    expect(await codeOf(cage.extract(NOT_A_PDF))).toBe("not_pdf");
  });

  it("tells a member the cage is busy when their line is full, while others still get in", async () => {
    const cage = pool({ size: 1, queuePerKey: 2, queueLimit: 10 });
    await cage.warmUp();
    // one running, two waiting in the flooder's line, the fourth refused
    const flood = Array.from({ length: 4 }, () => codeOf(cage.extract(BOMB, { key: "flooder" })));
    const other = codeOf(cage.extract(SHEET, { key: "someone-else" }));
    expect(await Promise.all(flood)).toEqual(["too_large", "too_large", "too_large", "busy"]);
    expect(await other).toBe("accepted");
  });

  it("tells everyone the cage is busy when the whole queue is full", async () => {
    const cage = pool({ size: 1, queuePerKey: 5, queueLimit: 2 });
    await cage.warmUp();
    const codes = await Promise.all(["a", "b", "c", "d"].map((key) => codeOf(cage.extract(BOMB, { key }))));
    expect(codes.filter((code) => code === "busy")).toHaveLength(1);
  });

  it("makes a caller wait for room instead of refusing when asked to (CLI backfill)", async () => {
    const cage = pool({ size: 1, queuePerKey: 1, queueLimit: 1, whenFull: "wait" });
    const codes = await Promise.all(
      Array.from({ length: 4 }, () => codeOf(cage.extract(SHEET, { key: "cli" }))),
    );
    expect(codes).toEqual(["accepted", "accepted", "accepted", "accepted"]);
  });

  it("lets a file that cannot be kept (an unsaved photo) wait for room in a pool that refuses others", async () => {
    const cage = pool({ size: 1, queuePerKey: 5, queueLimit: 1 });
    await cage.warmUp();
    const codes = await Promise.all([
      codeOf(cage.extract(BOMB, { key: "a" })),
      codeOf(cage.extract(BOMB, { key: "b" })),
      codeOf(cage.extract(SHEET, { key: "c" })),
      codeOf(cage.extract(SHEET, { key: "d", waitForRoom: true })),
    ]);
    expect(codes).toEqual(["too_large", "too_large", "busy", "accepted"]);
  });

  it("serves another member while one member's ten bombs are still caged", async () => {
    const cage = pool({ size: 2, queuePerKey: 20 });
    // two members at once: the second worker starts, and both stay warm
    await Promise.all([cage.extract(SHEET, { key: "a" }), cage.extract(SHEET, { key: "b" })]);
    expect(cage.stats().workers).toBe(2);
    const finished: string[] = [];
    const bombs = Array.from({ length: 10 }, (_, i) =>
      codeOf(cage.extract(BOMB, { key: "bomber" })).then((code) => finished.push(`bomb ${i}: ${code}`)),
    );
    const scan = codeOf(cage.extract(SHEET, { key: "member" })).then((code) =>
      finished.push(`scan: ${code}`),
    );
    await Promise.all([...bombs, scan]);
    expect(finished).toContain("scan: accepted");
    // the bomber holds one worker at most, so the member's scan is answered while bombs are still waiting
    expect(finished.indexOf("scan: accepted")).toBeLessThan(finished.indexOf("bomb 9: too_large"));
  });

  it("gives no verdict on files it was reading or holding when it closes", async () => {
    const cage = pool({ size: 1 });
    await cage.warmUp();
    const reading = Promise.allSettled([cage.extract(BOMB, { key: "a" }), cage.extract(SHEET, { key: "b" })]);
    await cage.close();
    for (const result of await reading) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ExtractorBusyError);
    }
    expect(cage.stats().kills).toEqual({ time: 0, memory: 0, output: 0, exit: 0 });
  });

  it("leaves no worker behind when the process that started it dies", async () => {
    const script = join(import.meta.dirname, "start-pool-and-wait.ts");
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const pids = await new Promise<number[]>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => resolve(JSON.parse(String(chunk)) as number[]));
    });
    expect(pids.length).toBe(2);
    child.kill("SIGKILL");
    for (const pid of pids) {
      await expect.poll(() => existsSync(`/proc/${pid}`) && !isZombie(pid), { timeout: 20_000 }).toBe(false);
    }
  });
});

function isZombie(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return true;
  }
}
