// What the bot is working on right now (interactions, messages), so a shutdown can wait for it — bounded,
// like Telegram's stop() finishing the updates it fetched.
export interface InFlight {
  /** runs `work` and remembers it until it settles */
  track(work: Promise<unknown>): void;
  /** resolves when nothing is in flight, or after `timeoutMs` (returns how many were still running) */
  drain(timeoutMs: number): Promise<number>;
}

export function inFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    track(work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      running.add(settled);
      void settled.then(() => running.delete(settled));
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      // work started while draining (a followup of a running handler) is waited for too
      while (running.size > 0) {
        const done = await Promise.race([
          Promise.all([...running]).then(() => true),
          deadline.then(() => false),
        ]);
        if (!done) break;
      }
      clearTimeout(timer);
      return running.size;
    },
  };
}
