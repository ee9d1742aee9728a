// /start, /help, /progress, /leaderboard, /goal, /units, /hide, /show, /export, /reminders.
import { InputFile } from "grammy";
import type { Actor } from "../../src/use-cases/ports.ts";
import { telegramHtml as m } from "../replies/markup.ts";
import {
  exportNeedsPrivateChat,
  exportText,
  goalSetPrivately,
  goalText,
  helpText,
  remindersText,
  SENT_PRIVATELY,
  startText,
  unitsText,
  visibilityText,
} from "../replies/messages.ts";
import {
  badMetricText,
  badPeriodText,
  LEADERBOARD_IN_GROUP,
  leaderboardText,
  noScansText,
  progressGroupText,
  progressText,
} from "../replies/progress.ts";
import { privateHint } from "../replies/scan.ts";
import { actorOf, type Features, isGroupChat, placeOf, replyTo } from "./context.ts";
import { isUnreachable } from "./errors.ts";
import { type CommandHandler, type CommandHandlers, words } from "./handlers.ts";
import { keepTyping, replyHtml, sendHtml, sendPrivately, sendWithImage } from "./send.ts";

export function memberCommands(f: Features) {
  const { services } = f;

  const visibility =
    (hidden: boolean): CommandHandler =>
    async (ctx) => {
      if (!ctx.from) return;
      const result = await services.setVisibility({
        actor: actorOf(ctx.from),
        place: placeOf(ctx.chat),
        hidden,
      });
      await replyHtml(ctx, visibilityText(result, "telegram"));
    };

  /** `/units kg`, `/reminders off`: one word for a use-case, its answer in words */
  const oneWordSetting =
    <R>(
      apply: (actor: Actor, word: string | undefined) => Promise<R>,
      answer: (result: R) => string,
    ): CommandHandler =>
    async (ctx) => {
      if (!ctx.from) return;
      const [word] = words(ctx.match);
      const result = await apply(actorOf(ctx.from), word);
      await replyHtml(ctx, answer(result));
    };

  return {
    start: async (ctx) => {
      if (!ctx.from) return;
      if (isGroupChat(ctx.chat)) {
        await replyHtml(ctx, helpText(m, "telegram", true));
        return;
      }
      const me = await services.startedPrivateChat({ actor: actorOf(ctx.from) });
      await sendHtml(ctx.api, ctx.chat.id, startText(m, me.name, me.scans));
    },

    help: async (ctx) => {
      await replyHtml(ctx, helpText(m, "telegram", isGroupChat(ctx.chat)));
    },

    progress: async (ctx) => {
      if (!ctx.from) return;
      const [first, second] = words(ctx.match);
      const stopTyping = keepTyping(ctx.api, ctx.chat.id);
      let result: Awaited<ReturnType<typeof services.progress>>;
      try {
        result = await services.progress({ actor: actorOf(ctx.from), metricWord: first, periodWord: second });
      } finally {
        stopTyping();
      }
      if (result.kind === "no_scans") return void (await replyHtml(ctx, noScansText()));
      if (result.kind === "bad_period")
        return void (await replyHtml(ctx, badPeriodText(result.word, m, "progress")));
      const chart = { bytes: result.chart, fileName: "progress.png" };
      const segments = result.segmentsChart
        ? { bytes: result.segmentsChart, fileName: "segments.png" }
        : null;
      if (!isGroupChat(ctx.chat)) {
        await sendWithImage(ctx.api, ctx.chat.id, progressText(result, m), chart, replyTo(ctx));
        if (segments) await sendWithImage(ctx.api, ctx.chat.id, "", segments);
        return;
      }
      const delivered = await sendPrivately(ctx.api, ctx.from.id, progressText(result, m), chart);
      if (delivered === "sent" && segments) await sendPrivately(ctx.api, ctx.from.id, "", segments);
      if (delivered === "unreachable") await services.cannotMessagePrivately({ actor: actorOf(ctx.from) });
      const text = `${progressGroupText(result, m)}\n\n${privateHint(m, ctx.me.username, delivered === "sent")}`;
      await replyHtml(ctx, text);
    },

    leaderboard: async (ctx) => {
      if (!isGroupChat(ctx.chat)) return void (await replyHtml(ctx, LEADERBOARD_IN_GROUP));
      const [first, second] = words(ctx.match);
      const stopTyping = keepTyping(ctx.api, ctx.chat.id);
      let result: Awaited<ReturnType<typeof services.leaderboard>>;
      try {
        result = await services.leaderboard({
          place: placeOf(ctx.chat),
          metricWord: first,
          periodWord: second,
        });
      } finally {
        stopTyping();
      }
      switch (result.kind) {
        case "not_a_group":
          return void (await replyHtml(ctx, LEADERBOARD_IN_GROUP));
        case "bad_metric":
          return void (await replyHtml(ctx, badMetricText(result.word, m, "telegram")));
        case "bad_period":
          return void (await replyHtml(ctx, badPeriodText(result.word, m, "leaderboard")));
        case "ok": {
          const chart = result.chart ? { bytes: result.chart, fileName: "leaderboard.png" } : null;
          await sendWithImage(ctx.api, ctx.chat.id, leaderboardText(result, m), chart, replyTo(ctx));
        }
      }
    },

    goal: async (ctx) => {
      if (!ctx.from) return;
      const [metricWord, ...rest] = words(ctx.match);
      const result = await services.setGoal({
        actor: actorOf(ctx.from),
        ...(metricWord ? { metricWord } : {}),
        ...(rest.length ? { targetText: rest.join(" ") } : {}),
      });
      if (!isGroupChat(ctx.chat) || result.kind === "invalid") {
        await replyHtml(ctx, goalText(result, m));
        return;
      }
      // a target is a body number: it goes privately, the group only hears that a goal was set
      const delivered =
        result.kind === "set"
          ? await sendPrivately(ctx.api, ctx.from.id, goalText(result, m))
          : ("sent" as const);
      await replyHtml(ctx, goalSetPrivately(result, delivered === "sent", m, ctx.me.username));
    },

    units: oneWordSetting((actor, word) => services.setUnits({ actor, unitsWord: word }), unitsText),

    hide: visibility(true),
    show: visibility(false),

    export: async (ctx) => {
      if (!ctx.from) return;
      const result = await services.exportCsv({ actor: actorOf(ctx.from) });
      if (result.scans === 0) return void (await replyHtml(ctx, exportText(0)));
      try {
        await ctx.api.sendChatAction(ctx.from.id, "upload_document").catch(() => undefined);
        await ctx.api.sendDocument(
          ctx.from.id,
          new InputFile(Buffer.from(result.csv, "utf8"), result.fileName),
          {
            caption: exportText(result.scans),
            parse_mode: "HTML",
          },
        );
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        await services.cannotMessagePrivately({ actor: actorOf(ctx.from) });
        await replyHtml(ctx, exportNeedsPrivateChat(m, ctx.me.username));
        return;
      }
      if (isGroupChat(ctx.chat)) await replyHtml(ctx, SENT_PRIVATELY);
    },

    reminders: oneWordSetting(
      (actor, word) => services.setReminders({ actor, stateWord: word }),
      remindersText,
    ),
  } satisfies CommandHandlers;
}
