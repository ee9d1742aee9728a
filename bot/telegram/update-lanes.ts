// Updates run side by side, one lane per sender: a member's updates are handled in the order they were sent,
// and a member whose file is slow (a bomb held in the cage) holds up only their own lane. At most
// `maxRunning` lanes run at once; a lane that finished a task queues behind the others before its next one.

type Task = { id: string; run: () => Promise<void> };

export class UpdateLanes {
  private readonly lanes = new Map<string, Task[]>();
  private readonly waiting: string[] = [];
  private readonly known = new Set<string>();
  private running = 0;
  private settled: (() => void)[] = [];

  constructor(
    private readonly maxRunning: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** queued or running */
  has(id: string): boolean {
    return this.known.has(id);
  }

  /** tasks queued or running */
  get size(): number {
    return this.known.size;
  }

  push(lane: string, id: string, run: () => Promise<void>): void {
    if (this.closed || this.known.has(id)) return;
    this.known.add(id);
    const tasks = this.lanes.get(lane);
    if (tasks) tasks.push({ id, run });
    else {
      this.lanes.set(lane, [{ id, run }]);
      this.waiting.push(lane);
    }
    this.startWaiting();
  }

  /** Resolves once at most `limit` tasks are queued or running. */
  async atMost(limit: number): Promise<void> {
    while (this.known.size > limit) await new Promise<void>((resolve) => this.settled.push(resolve));
  }

  /**
   * Takes nothing more and drops what has not started (the caller keeps it elsewhere); resolves once the
   * running tasks are done.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const [lane, tasks] of this.lanes) {
      const running = this.waiting.includes(lane) ? 0 : 1;
      for (const task of tasks.splice(running)) this.known.delete(task.id);
      if (tasks.length === 0) this.lanes.delete(lane);
    }
    this.waiting.length = 0;
    this.wake();
    await this.atMost(0);
  }

  private closed = false;

  /** whoever waits in atMost looks again */
  private wake(): void {
    const waiting = this.settled;
    this.settled = [];
    for (const resolve of waiting) resolve();
  }

  private startWaiting(): void {
    while (this.running < this.maxRunning) {
      const lane = this.waiting.shift();
      if (lane === undefined) return;
      this.running++;
      void this.runNext(lane);
    }
  }

  private async runNext(lane: string): Promise<void> {
    const tasks = this.lanes.get(lane) as Task[];
    const task = tasks[0] as Task;
    try {
      await task.run();
    } catch (error) {
      this.onError(error);
    }
    tasks.shift();
    this.known.delete(task.id);
    if (tasks.length > 0 && !this.closed) this.waiting.push(lane);
    else this.lanes.delete(lane);
    this.running--;
    this.wake();
    this.startWaiting();
  }
}
