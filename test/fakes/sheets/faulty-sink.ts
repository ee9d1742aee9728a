// Wraps any SheetSink with the stand-in's fault kinds, for sinks that have no network to break (CSV):
// failNext(n, {status}) → SheetRetryableError before the call; loseResponseAfterCommit(n) → the write is
// applied, then SheetRetryableError as if the answer was lost; randomFaults with a seeded PRNG.
// Counts write calls, so "no change → zero writes" can be asserted for any sink.
import {
  type Cell,
  type CellRun,
  SheetRetryableError,
  type SheetSink,
} from "../../../src/sheets/sheet-sink.ts";
import { mulberry32 } from "./prng.ts";

export class FaultySink implements SheetSink {
  readonly label: string;
  writes = 0;
  private failQueue: number[] = [];
  private loseQueue = 0;
  private writeFault: { skip: number; status: number } | undefined;
  private random: { next: () => number; probability: number } | undefined;

  constructor(private inner: SheetSink) {
    this.label = `faulty ${inner.label}`;
  }

  /** A "restart": the wrapped sink is a new instance, the injected faults stay. */
  replaceInner(inner: SheetSink): void {
    this.inner = inner;
  }

  failNext(n: number, fault: { status: number }): void {
    for (let i = 0; i < n; i++) this.failQueue.push(fault.status);
  }
  /** The write after the next `skip` writes fails with `status` before it is applied (reads pass). */
  failWrite(skip: number, fault: { status: number }): void {
    this.writeFault = { skip, status: fault.status };
  }
  loseResponseAfterCommit(n = 1): void {
    this.loseQueue += n;
  }
  randomFaults(opts: { seed: number; probability: number } | null): void {
    this.random = opts ? { next: mulberry32(opts.seed), probability: opts.probability } : undefined;
  }

  listTabs(): Promise<string[]> {
    return this.run(false, () => this.inner.listTabs());
  }
  ensureTabs(tabs: readonly string[]): Promise<void> {
    return this.run(true, () => this.inner.ensureTabs(tabs));
  }
  readTabs(tabs: readonly string[]): Promise<Map<string, Cell[][]>> {
    return this.run(false, () => this.inner.readTabs(tabs));
  }
  writeCells(tab: string, runs: readonly CellRun[]): Promise<void> {
    return this.run(true, () => this.inner.writeCells(tab, runs));
  }
  appendRows(tab: string, rows: readonly (readonly Cell[])[]): Promise<void> {
    return this.run(true, () => this.inner.appendRows(tab, rows));
  }
  deleteRows(tab: string, rowIndexes: readonly number[]): Promise<void> {
    return this.run(true, () => this.inner.deleteRows(tab, rowIndexes));
  }

  private async run<T>(write: boolean, call: () => Promise<T>): Promise<T> {
    if (write) this.writes++;
    const status = this.failQueue.shift();
    if (status !== undefined) throw new SheetRetryableError(`injected HTTP ${status}`);
    if (write && this.writeFault && this.writeFault.skip-- === 0) {
      const fault = this.writeFault;
      this.writeFault = undefined;
      throw new SheetRetryableError(`injected HTTP ${fault.status}`);
    }
    let lose = write && this.loseQueue > 0;
    if (lose) this.loseQueue--;
    if (!lose && this.random && this.random.next() < this.random.probability) {
      const roll = this.random.next();
      if (roll < 0.5 || !write) throw new SheetRetryableError("injected fault before commit");
      lose = true;
    }
    const result = await call();
    if (lose) throw new SheetRetryableError("injected: answer lost after commit", undefined, true);
    return result;
  }
}
