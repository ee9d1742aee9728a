// Time moves on without new scans: "last 30 days" boards, the current week and "due a rescan" must follow
// the clock. Once an hour the clock-dependent model rows are refreshed group by group, each in small
// transactions of its own, so no ingest or read waits behind it. (There is no scheduled full refresh: a
// full refresh runs only when the models changed, or when asked with `pump transform --full-refresh`.)
import { listGroups } from "../db/queries/people.ts";
import type { JobContext } from "./context.ts";

const QUEUE = "models-clock";
/** the hourly full refresh this job replaces; its schedule may still be stored */
const RETIRED_QUEUE = "models-refresh";

export async function modelRefreshJobs({ boss, core }: JobContext): Promise<void> {
  await boss.createQueue(QUEUE, { name: QUEUE, policy: "singleton", retryLimit: 3, retryDelay: 60 });
  await boss.work(QUEUE, async () => {
    const started = performance.now();
    const groups = await listGroups(core.sql);
    for (const group of groups) await core.refreshClock(group.id);
    core.log.info(
      { groups: groups.length, ms: Math.round(performance.now() - started) },
      "clock rows refreshed",
    );
  });
  await boss.schedule(QUEUE, "17 * * * *", {}, { tz: "UTC" });
  await boss.unschedule(RETIRED_QUEUE).catch(() => {});
}
