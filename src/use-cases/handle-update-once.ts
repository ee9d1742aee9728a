// A platform update is answered exactly once, even across a crash: it is claimed with a lease that the
// handler renews while it works and marked done when it finished. A redelivery of a done update is skipped;
// a redelivery while another handler's lease runs waits for that handler (done → skip, lease ran out → the
// handler died: handle it here). Telegram redelivers what was not confirmed, so an update interrupted by a
// crash comes back after the restart and is answered then.
import { claimUpdate, finishUpdate, renewUpdateLease } from "../db/queries/updates.ts";
import type { ActionDeps } from "./deps.ts";

/** How long a handler that stopped renewing (its process died) keeps an update from being handled again. */
export const UPDATE_LEASE_MS = 5_000;
const RENEW_EVERY_MS = 1_000;
const WAIT_STEP_MS = 500;
/** An update whose handling killed the process this many times is not tried again. */
export const MAX_UPDATE_ATTEMPTS = 3;

export type UpdateHandling = "handled" | "skipped" | "given_up";

/** A done mark that fails after the member was answered is tried again this often before it is let go. */
const DONE_TRIES = 3;

export function handleUpdateOnce(deps: Pick<ActionDeps, "sql" | "log">) {
  const { sql, log } = deps;
  // the member has their answer: a database blip now must not make it "Sorry" and then the answer again
  const markDone = async (platform: string, updateKey: string) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await finishUpdate(sql, platform, updateKey);
        return;
      } catch (error) {
        if (attempt >= DONE_TRIES) {
          log.error({ err: error, platform }, "an answered update could not be marked done");
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS * attempt));
      }
    }
  };
  return async (
    platform: string,
    updateKey: string,
    handle: () => Promise<void>,
  ): Promise<UpdateHandling> => {
    for (;;) {
      const claim = await claimUpdate(sql, platform, updateKey, UPDATE_LEASE_MS);
      if (claim.state === "done") return "skipped";
      if (claim.state === "leased") {
        await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
        continue;
      }
      if (claim.attempt > MAX_UPDATE_ATTEMPTS) {
        log.error(
          { platform, attempts: claim.attempt - 1 },
          "an update stopped its handler every time; given up",
        );
        await finishUpdate(sql, platform, updateKey);
        return "given_up";
      }
      if (claim.attempt > 1)
        log.warn({ platform, attempt: claim.attempt }, "an interrupted update is handled again");
      const renewing = setInterval(() => {
        renewUpdateLease(sql, platform, updateKey, claim.attempt, UPDATE_LEASE_MS).catch((error: unknown) =>
          log.warn({ err: error }, "could not renew an update's lease"),
        );
      }, RENEW_EVERY_MS);
      try {
        await handle();
      } finally {
        clearInterval(renewing);
        // a handler that failed has apologised: that is its answer, not a reason to answer again
        await markDone(platform, updateKey);
      }
      return "handled";
    }
  };
}
