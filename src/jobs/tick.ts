// A tick: work that looks at the clock every few minutes. pg-boss makes each cron minute one job across
// all instances; the "stately" queue keeps at most one tick running and one waiting; a failed tick is not
// retried (the next one comes anyway).
import type PgBoss from "pg-boss";

export async function scheduleTick(
  boss: PgBoss,
  queue: string,
  cron: string,
  tick: () => Promise<unknown>,
): Promise<void> {
  await boss.createQueue(queue, { name: queue, policy: "stately", retryLimit: 0, expireInSeconds: 15 * 60 });
  await boss.schedule(queue, cron);
  await boss.work(queue, async () => {
    await tick();
  });
}
