// Time moves on without new scans: "last 30 days" boards and "due a rescan" flags must follow the clock.
// An hourly full refresh keeps every time-dependent gold row current (and catches group renames).
import type { JobContext } from "./context.ts";

const QUEUE = "models-refresh";

export async function modelRefreshJobs({ boss, core }: JobContext): Promise<void> {
  await boss.createQueue(QUEUE, { name: QUEUE, policy: "singleton", retryLimit: 3, retryDelay: 60 });
  await boss.work(QUEUE, async () => {
    const report = await core.runPipeline([], true);
    core.log.info({ ms: Math.round(report.ms) }, "models refreshed");
  });
  await boss.schedule(QUEUE, "17 * * * *", {}, { tz: "UTC" });
}
