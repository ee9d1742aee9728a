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
import { safeError } from "./errors.ts";
import { UpdateLanes } from "./update-lanes.ts";

const LONG_POLL_SECONDS = 30;
/** updates handled at once (each is mostly waiting: on the cage, the database, Telegram) */
const LANES_RUNNING = 16;
/** fetched and not yet handled beyond this, fetching pauses */
const MAX_QUEUED = 500;
const RESUME_EVERY_MS = 2_000;
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

const PLATFORM = "telegram";

/** Resolves once the first long poll is under way; rejects when Telegram refuses to start polling. */
export async function startPolling(bot: Bot<Context>, options: PollingOptions): Promise<Polling> {
  const { inbox, log } = options;
  const keyOf = (updateId: number) => `${bot.botInfo.id}:${updateId}`;
  const lanes = new UpdateLanes(LANES_RUNNING, (error) =>
    log.error({ err: safeError(error) }, "telegram update failed outside its error boundary"),
  );
  const abort = new AbortController();
  let stopping = false;
  let offset: number | undefined;

  const handle = (update: Update) =>
    lanes.push(laneOf(update), keyOf(update.update_id), () => bot.handleUpdate(update));

  let resuming = false;
  const resume = async () => {
    if (resuming || stopping) return;
    resuming = true;
    try {
      for (const kept of await inbox.toResume(PLATFORM, `${bot.botInfo.id}:`, 50))
        if (!lanes.has(kept.updateKey)) handle(kept.payload as unknown as Update);
    } catch (error) {
      log.warn({ err: safeError(error) }, "could not look for telegram updates to resume");
    } finally {
      resuming = false;
    }
  };

  // grammY's start() does this too: getUpdates is refused while a webhook is set
  await bot.api.deleteWebhook();
  await resume();
  const resuming$ = setInterval(() => void resume(), RESUME_EVERY_MS);

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
    try {
      await inbox.keep(
        PLATFORM,
        updates.map((u) => ({
          updateKey: keyOf(u.update_id),
          payload: u as unknown as KeptUpdate["payload"],
        })),
      );
    } catch (error) {
      // not kept, so not confirmed either: the next getUpdates asks for the same ones again
      log.warn({ err: safeError(error) }, "could not keep telegram updates; fetching them again");
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
      clearInterval(resuming$);
      abort.abort();
      await loop;
      // confirm what was kept, so Telegram does not hand it to the next process again (harmless if it did)
      if (offset !== undefined)
        await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }).catch(() => undefined);
      await lanes.atMost(0);
    },
  };
}

/** A member's updates in order, across their chats; anonymous admins post as the group: one lane per chat. */
function laneOf(update: Update): string {
  const message = update.message;
  const from = message?.from ?? update.callback_query?.from ?? update.my_chat_member?.from;
  const chat = message?.chat ?? update.callback_query?.message?.chat ?? update.my_chat_member?.chat;
  if (message?.sender_chat || !from) return `chat:${chat?.id ?? "none"}`;
  return `user:${from.id}`;
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
