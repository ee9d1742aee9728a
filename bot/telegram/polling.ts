// Long polling that never waits for a slow update. grammY's bot.start() handles one update at a time, so a
// file held in the cage would make every chat wait. Here each fetched batch is kept in the update inbox
// before the next getUpdates confirms it to Telegram, then handled in sender lanes (update-lanes.ts). What a
// process fetched but did not finish (it died) is resumed from the inbox, by this process or the next one;
// handleUpdateOnce decides who handles an update, so it is answered once.
import { type Bot, type Context, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../../src/log.ts";
import type { Services } from "../../src/use-cases/services.ts";
import type { KeptUpdate } from "../../src/use-cases/update-inbox.ts";
import { PLATFORM, updateKey } from "./context.ts";
import { safeError } from "./errors.ts";
import { resumeKeptUpdates } from "./kept-updates.ts";

const LONG_POLL_SECONDS = 30;
/** fetched and not yet handled beyond this, fetching pauses */
const MAX_QUEUED = 500;
const RETRY_AFTER_MS = 3_000;

export interface PollingOptions {
  allowedUpdates: readonly string[];
  inbox: Services["updateInbox"];
  log: Logger;
  /** polling ended for good after it started (token revoked, another instance polling) */
  onFatal(error: unknown): void;
}

export interface Polling {
  stop(): Promise<void>;
}

/**
 * Resolves once kept updates of an earlier process are queued and polling is under way (getMe and
 * deleteWebhook failing reject it; a refused getUpdates later goes to onFatal).
 */
export async function startPolling(bot: Bot<Context>, options: PollingOptions): Promise<Polling> {
  const { inbox, log } = options;
  const abort = new AbortController();
  let stopping = false;
  let offset: number | undefined;

  // grammY's start() does this too: getUpdates is refused while a webhook is set
  await bot.api.deleteWebhook();
  // before anything new: a member's update still held by a dead process keeps its place in their lane
  const kept = await resumeKeptUpdates(bot, inbox, log);
  const { handle, lanes } = kept;

  const rows = (list: Update[]): KeptUpdate[] =>
    list.map((u) => ({
      updateKey: updateKey(bot.botInfo.id, u.update_id),
      payload: u as unknown as KeptUpdate["payload"],
    }));
  /**
   * Keeps a batch. One that will not go in as a whole goes in update by update; an update that will not go
   * in at all (the others did: the database is there) is handled without a second chance after a crash.
   * False when none could be kept: the database is away, and the batch is fetched again.
   */
  const keep = async (updates: Update[]): Promise<boolean> => {
    try {
      await inbox.keep(PLATFORM, rows(updates));
      return true;
    } catch (error) {
      log.warn({ err: safeError(error) }, "could not keep a batch of telegram updates; trying one by one");
    }
    let kept = 0;
    const refused: number[] = [];
    for (const update of updates) {
      try {
        await inbox.keep(PLATFORM, rows([update]));
        kept++;
      } catch {
        refused.push(update.update_id);
      }
    }
    if (kept > 0 && refused.length > 0)
      log.error(
        { updateIds: refused },
        "telegram updates could not be kept; handled without a second chance",
      );
    return kept > 0;
  };

  const fetchOnce = async (): Promise<"go_on" | "ended"> => {
    let updates: Update[];
    try {
      updates = await bot.api.getUpdates(
        {
          offset,
          limit: 100,
          timeout: LONG_POLL_SECONDS,
          allowed_updates: [...options.allowedUpdates] as never,
        },
        // grammY types its signal with the abort-controller shim; the runtime takes the standard one
        abort.signal as Parameters<typeof bot.api.getUpdates>[1],
      );
    } catch (error) {
      if (stopping) return "ended";
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409)) {
        log.error({ err: safeError(error) }, "telegram polling stopped");
        options.onFatal(error);
        return "ended";
      }
      log.warn({ err: safeError(error) }, "telegram getUpdates failed; trying again");
      await pause(RETRY_AFTER_MS, abort.signal);
      return "go_on";
    }
    if (updates.length === 0) return "go_on";
    if (!(await keep(updates))) {
      // not kept, so not confirmed either: the next getUpdates asks for the same ones again
      await pause(RETRY_AFTER_MS, abort.signal);
      return "go_on";
    }
    offset = (updates.at(-1) as Update).update_id + 1;
    for (const update of updates) handle(update);
    await lanes.atMost(MAX_QUEUED);
    return "go_on";
  };

  const loop = (async () => {
    while (!stopping && (await fetchOnce()) === "go_on");
  })();

  return {
    async stop() {
      stopping = true;
      abort.abort();
      // What was fetched is kept, so nothing is confirmed here: a last getUpdates would end the long poll
      // of the instance taking over (409). Updates not started yet stay kept for the next process, and a
      // loop waiting for the lanes to shorten is let go by their closing.
      const closing = kept.stop();
      await loop;
      await closing;
    },
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}
