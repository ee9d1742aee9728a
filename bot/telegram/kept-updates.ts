// Updates a polling process fetched (so Telegram counts them delivered) but did not finish are in the update
// inbox: they are handled here, by whichever process runs next, in polling or webhook mode. At start every
// kept update is queued in the order sent (one still leased by a dead process keeps its place in its
// sender's lane); later, every few seconds, the ones nobody is handling.
import type { Bot, Context } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../../src/log.ts";
import type { Services } from "../../src/use-cases/services.ts";
import { PLATFORM, updateKey, updateKeyPrefix } from "./context.ts";
import { safeError } from "./errors.ts";
import { UpdateLanes } from "./update-lanes.ts";

/** updates handled at once (each is mostly waiting: on the cage, the database, Telegram) */
const LANES_RUNNING = 32;
const RESUME_EVERY_MS = 2_000;
/** kept updates taken per look (at start: a dead process's whole backlog, in order) */
const RESUME_BATCH = 1_000;

export interface KeptUpdates {
  /** handles an update in its sender's lane (a fetched one, or a kept one) */
  handle(update: Update): void;
  readonly lanes: UpdateLanes;
  /** stops looking, finishes what runs, leaves the rest kept for the next process */
  stop(): Promise<void>;
}

/** Resolves once every kept update of an earlier process is queued. */
export async function resumeKeptUpdates(
  bot: Bot<Context>,
  inbox: Services["updateInbox"],
  log: Logger,
): Promise<KeptUpdates> {
  const lanes = new UpdateLanes(LANES_RUNNING, (error) =>
    log.error({ err: safeError(error) }, "telegram update failed outside its error boundary"),
  );
  let stopping = false;
  const handle = (update: Update) =>
    lanes.push(laneOf(update), updateKey(bot.botInfo.id, update.update_id), () => bot.handleUpdate(update));

  let sweep: Promise<void> = Promise.resolve();
  const resume = (all: boolean) => {
    sweep = sweep.then(async () => {
      if (stopping) return;
      try {
        const kept = await inbox.toResume(PLATFORM, updateKeyPrefix(bot.botInfo.id), {
          all,
          limit: RESUME_BATCH,
        });
        if (stopping) return;
        for (const update of kept)
          if (!lanes.has(update.updateKey)) handle(update.payload as unknown as Update);
      } catch (error) {
        log.warn({ err: safeError(error) }, "could not look for telegram updates to resume");
      }
    });
    return sweep;
  };

  await resume(true);
  const looking = setInterval(() => void resume(false), RESUME_EVERY_MS);
  return {
    handle,
    lanes,
    async stop() {
      stopping = true;
      clearInterval(looking);
      await sweep;
      await lanes.close();
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
