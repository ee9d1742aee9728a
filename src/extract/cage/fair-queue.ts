// Waiting tasks, one line per caller key (a member), served round-robin: a member who sends ten files
// waits behind their own files only. Bounded in count, per key and in bytes held.

export interface QueueLimits {
  total: number;
  perKey: number;
  bytes: number;
}

export interface Queued {
  key: string;
  bytes: number;
}

export class FairQueue<T extends Queued> {
  /** Map order is the serving order: a key goes to the back each time one of its tasks is taken. */
  private readonly lines = new Map<string, T[]>();
  private count = 0;
  private heldBytes = 0;

  constructor(private readonly limits: QueueLimits) {}

  get size(): number {
    return this.count;
  }

  admits(item: Queued): boolean {
    const line = this.lines.get(item.key)?.length ?? 0;
    return (
      this.count < this.limits.total &&
      line < this.limits.perKey &&
      // one file larger than the byte budget is still admitted into an empty queue
      (this.count === 0 || this.heldBytes + item.bytes <= this.limits.bytes)
    );
  }

  push(item: T): void {
    const line = this.lines.get(item.key);
    if (line) line.push(item);
    else this.lines.set(item.key, [item]);
    this.count++;
    this.heldBytes += item.bytes;
  }

  /** The next task in round-robin order among the keys `allowed` accepts. */
  take(allowed: (key: string) => boolean): T | undefined {
    for (const [key, line] of this.lines) {
      if (!allowed(key)) continue;
      const item = line.shift()!;
      this.lines.delete(key);
      if (line.length > 0) this.lines.set(key, line);
      this.count--;
      this.heldBytes -= item.bytes;
      return item;
    }
    return undefined;
  }

  /** Empties the queue (the pool is closing). */
  drain(): T[] {
    const all = [...this.lines.values()].flat();
    this.lines.clear();
    this.count = 0;
    this.heldBytes = 0;
    return all;
  }
}
