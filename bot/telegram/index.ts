// The Telegram bot: grammY with auto-retry and a throttler, features as Composers — error boundary first,
// then once-only delivery, then scans, buttons and commands, and whatever is left last.
import type { Server } from "node:http";
import { autoRetry } from "@grammyjs/auto-retry";
import { type APIThrottlerOptions, apiThrottler } from "@grammyjs/transformer-throttler";
import { Bot, type BotError, type Context } from "grammy";
import type { BotCommand } from "grammy/types";
import { commandsFor } from "../commands.ts";
import type { BotDeps, RunningBot } from "../platform.ts";
import { telegramHtml as m } from "../replies/markup.ts";
import { SORRY, unknownTextInPrivate, welcomeToGroup } from "../replies/messages.ts";
import { challengeButtonsFeature } from "./challenge.ts";
import { commandsFeature } from "./commands.ts";
import { conditionsFeature } from "./conditions.ts";
import { confirmationsFeature } from "./confirmations.ts";
import { type Features, isGroupChat, PLATFORM, updateKey } from "./context.ts";
import { safeError } from "./errors.ts";
import { type KeptUpdates, resumeKeptUpdates } from "./kept-updates.ts";
import { createNotifier } from "./notifier.ts";
import { photoReadsFeature } from "./photo-reads.ts";
import { type Polling, startPolling } from "./polling.ts";
import { scanFeature } from "./scan.ts";
import { replyHtml, sendHtml } from "./send.ts";
import { stayInTopic } from "./topics.ts";
import { closeServer, listenForWebhook, webhookSecret } from "./webhook.ts";

export interface TelegramBotOptions extends BotDeps {
  token: string;
  apiRoot: string;
  webhook: { url: string; secret: string | undefined; port: number } | null;
  /**
   * Spacing of calls per chat so Telegram's limits (about 1 message/s per chat, 20/min per group) are never
   * hit. Default on; tests against the stand-in turn it off.
   */
  throttle?: boolean | APIThrottlerOptions;
  /** auto-retry's cap on attempts for one call (429 and 5xx); default 6 */
  maxRetryAttempts?: number;
}

const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

export function createTelegramBot(options: TelegramBotOptions): RunningBot {
  const { services, log } = options;
  const bot = new Bot<Context>(options.token, { client: { apiRoot: options.apiRoot } });
  // order matters: the throttler wraps the retrying call, so a retry waits its turn too
  bot.api.config.use(autoRetry({ maxRetryAttempts: options.maxRetryAttempts ?? 6, maxDelaySeconds: 120 }));
  if (options.throttle !== false)
    bot.api.config.use(
      apiThrottler(options.throttle === true || options.throttle === undefined ? {} : options.throttle),
    );

  const features: Features = {
    services,
    log,
    defaultTimeZone: options.defaultTimeZone,
    token: options.token,
    apiRoot: options.apiRoot,
  };

  // replies to a message in a forum topic stay in that topic (every part, charts, apologies included)
  bot.use(stayInTopic);
  const apologise = async (error: BotError<Context>) => {
    const ctx = error.ctx;
    log.error(
      { updateId: ctx.update.update_id, chatId: ctx.chat?.id, err: safeError(error.error) },
      "telegram update failed",
    );
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: SORRY, show_alert: true });
      else if (ctx.chat && ctx.msg) await replyHtml(ctx, SORRY);
    } catch (replyError) {
      log.error({ updateId: ctx.update.update_id, err: safeError(replyError) }, "could not apologise either");
    }
  };

  // Telegram redelivers an update when it was not confirmed (crash, webhook timeout, several instances),
  // and polling resumes kept ones: answer each once, and again only if its handler died. The key includes
  // the bot id, since update ids are only unique per bot. The handler's own boundary sits inside, so an
  // apology is part of the handling (sent before the update is done); this outer one catches the claim.
  const safe = bot
    .errorBoundary(apologise)
    .use(async (ctx, next) => {
      const handled = await services.handleUpdateOnce(
        PLATFORM,
        updateKey(ctx.me.id, ctx.update.update_id),
        next,
      );
      if (handled !== "handled")
        log.info({ updateId: ctx.update.update_id, handled }, "update not handled again");
    })
    .errorBoundary(apologise);

  // a basic group becomes a supergroup with a new chat id (e.g. when a member is made admin): keep the
  // group's settings, members and board under the new id
  safe.on("message:migrate_to_chat_id", async (ctx) => {
    await services.groupChatMoved({
      platform: "telegram",
      fromChatId: String(ctx.chat.id),
      toChatId: String(ctx.message.migrate_to_chat_id),
    });
    log.info(
      { chatId: ctx.chat.id, newChatId: ctx.message.migrate_to_chat_id },
      "group upgraded to a supergroup",
    );
  });

  safe.use(scanFeature(features));
  safe.use(photoReadsFeature(features));
  safe.use(challengeButtonsFeature(features));
  safe.use(conditionsFeature(features));
  safe.use(confirmationsFeature(features));
  safe.use(commandsFeature(features));

  safe.on("my_chat_member", async (ctx) => {
    const { old_chat_member: before, new_chat_member: after } = ctx.myChatMember;
    const joined =
      ["left", "kicked"].includes(before.status) && ["member", "administrator"].includes(after.status);
    if (!joined || !isGroupChat(ctx.chat)) return;
    const canSee = after.status === "administrator" || ctx.me.can_read_all_group_messages;
    await sendHtml(ctx.api, ctx.chat.id, welcomeToGroup(m, canSee));
  });

  // last: a private message that nothing above understood gets a pointer; groups stay quiet
  safe.on("message", async (ctx) => {
    if (isGroupChat(ctx.chat)) return;
    await replyHtml(ctx, unknownTextInPrivate());
  });

  let server: Server | null = null;
  let polling: Polling | null = null;
  let kept: KeptUpdates | null = null;

  return {
    name: "telegram",
    notifier: createNotifier(bot.api, services, () => bot.botInfo.username),

    async start() {
      await bot.init();
      await registerCommands(bot);
      if (options.webhook) {
        const secret = webhookSecret(options.webhook, options.token);
        server = await listenForWebhook(bot, options.webhook, secret);
        await bot.api.setWebhook(options.webhook.url, {
          secret_token: secret,
          allowed_updates: [...ALLOWED_UPDATES],
        });
        log.info({ bot: bot.botInfo.username, port: options.webhook.port }, "telegram webhook listening");
        // what a long-polling process of this bot fetched and did not finish: Telegram will not send it again
        kept = await resumeKeptUpdates(bot, services.updateInbox, log);
        return;
      }
      polling = await startPolling(bot, {
        allowedUpdates: ALLOWED_UPDATES,
        inbox: services.updateInbox,
        log,
        onFatal: (error) => options.onFatal?.(error),
      });
      log.info({ bot: bot.botInfo.username }, "telegram long polling");
    },

    async stop() {
      if (server) {
        // finishes the updates being handled, takes no new ones; the webhook stays for other instances
        await closeServer(server);
        server = null;
      }
      if (kept) {
        await kept.stop();
        kept = null;
      }
      if (polling) {
        // takes no new updates, waits for the updates being handled (what has not started stays kept)
        await polling.stop();
        polling = null;
      }
    },
  };
}

async function registerCommands(bot: Bot<Context>): Promise<void> {
  const specs = commandsFor("telegram");
  const list = (where: "group" | "private" | "all"): BotCommand[] =>
    specs
      .filter((c) => where === "all" || c.where === "any" || c.where === where)
      .map((c) => ({ command: c.name, description: c.description.slice(0, 256) }));
  await bot.api.setMyCommands(list("all"));
  await bot.api.setMyCommands(list("private"), { scope: { type: "all_private_chats" } });
  await bot.api.setMyCommands(list("group"), { scope: { type: "all_group_chats" } });
}
