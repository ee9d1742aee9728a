// Scan replies owed after their update (src/use-cases/pending-replies.ts): a file the busy cage could not
// read, or one `pump reprocess` read after a parser update. The rows are the durable part; this tick
// delivers what is due every minute through the running bots, and once at start (after a restart).
import type { JobContext } from "./context.ts";
import { scheduleTick } from "./tick.ts";

export const PENDING_REPLIES_QUEUE = "pending-replies-tick";

export async function pendingReplyJobs({ boss, core, notifiers }: JobContext): Promise<void> {
  const deliver = () => core.pendingReplies.deliverDue(notifiers);
  await scheduleTick(boss, PENDING_REPLIES_QUEUE, "* * * * *", deliver);
  await boss.send(PENDING_REPLIES_QUEUE, {});
}
