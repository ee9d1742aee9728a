// /start, /help, /progress, /leaderboard, /goal, /units, /hide, /show, /export, /reminders.
import { Composer, type Context, InputFile } from "grammy";
import { BOARD_PERIODS, PROGRESS_PERIODS } from "../../src/use-cases/periods.ts";
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
import { keepTyping, sendHtml, sendPrivately, sendWithImage } from "./send.ts";

const BOARD_METRIC_WORDS = ["score", "fat", "muscle", "bf", "weight"];

export function words(match: string | undefined): string[] {
  return (match ?? "").trim().split(/\s+/).filter(Boolean);
}

export function memberCommands(f: Features): Composer<Context> {
  const c = new Composer<Context>();
  const { services } = f;

  c.command("start", async (ctx) => {
    if (!ctx.from) return;
    if (isGroupChat(ctx.chat)) {
      await sendHtml(ctx.api, ctx.chat.id, helpText(m, "telegram", true), replyTo(ctx));
      return;
    }
    const me = await services.startedPrivateChat({ actor: actorOf(ctx.from) });
    await sendHtml(ctx.api, ctx.chat.id, startText(m, me.name, me.scans));
  });

  c.command("help", async (ctx) => {
    await sendHtml(ctx.api, ctx.chat.id, helpText(m, "telegram", isGroupChat(ctx.chat)), replyTo(ctx));
  });

  c.command("progress", async (ctx) => {
    if (!ctx.from) return;
    const [first, second] = words(ctx.match);
    const stopTyping = keepTyping(ctx.api, ctx.chat.id);
    let result: Awaited<ReturnType<typeof services.progress>>;
    try {
      result = await services.progress({ actor: actorOf(ctx.from), metricWord: first, periodWord: second });
    } finally {
      stopTyping();
    }
    if (result.kind === "no_scans")
      return void (await sendHtml(ctx.api, ctx.chat.id, noScansText(), replyTo(ctx)));
    if (result.kind === "bad_period")
      return void (await sendHtml(
        ctx.api,
        ctx.chat.id,
        badPeriodText(result.word, m, PROGRESS_PERIODS),
        replyTo(ctx),
      ));
    const chart = { bytes: result.chart, fileName: "progress.png" };
    const segments = result.segmentsChart ? { bytes: result.segmentsChart, fileName: "segments.png" } : null;
    if (!isGroupChat(ctx.chat)) {
      await sendWithImage(ctx.api, ctx.chat.id, progressText(result, m), chart, replyTo(ctx));
      if (segments) await sendWithImage(ctx.api, ctx.chat.id, "", segments);
      return;
    }
    const delivered = await sendPrivately(ctx.api, ctx.from.id, progressText(result, m), chart);
    if (delivered === "sent" && segments) await sendPrivately(ctx.api, ctx.from.id, "", segments);
    if (delivered === "unreachable") await services.cannotMessagePrivately({ actor: actorOf(ctx.from) });
    const text = `${progressGroupText(result, m)}\n\n${privateHint(m, ctx.me.username, delivered === "sent")}`;
    await sendHtml(ctx.api, ctx.chat.id, text, replyTo(ctx));
  });

  c.command("leaderboard", async (ctx) => {
    if (!isGroupChat(ctx.chat))
      return void (await sendHtml(ctx.api, ctx.chat.id, LEADERBOARD_IN_GROUP, replyTo(ctx)));
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
        return void (await sendHtml(ctx.api, ctx.chat.id, LEADERBOARD_IN_GROUP, replyTo(ctx)));
      case "bad_metric":
        return void (await sendHtml(
          ctx.api,
          ctx.chat.id,
          badMetricText(result.word, m, BOARD_METRIC_WORDS),
          replyTo(ctx),
        ));
      case "bad_period":
        return void (await sendHtml(
          ctx.api,
          ctx.chat.id,
          badPeriodText(result.word, m, BOARD_PERIODS),
          replyTo(ctx),
        ));
      case "ok": {
        const chart = result.chart ? { bytes: result.chart, fileName: "leaderboard.png" } : null;
        await sendWithImage(ctx.api, ctx.chat.id, leaderboardText(result, m), chart, replyTo(ctx));
      }
    }
  });

  c.command("goal", async (ctx) => {
    if (!ctx.from) return;
    const [metricWord, ...rest] = words(ctx.match);
    const result = await services.setGoal({
      actor: actorOf(ctx.from),
      ...(metricWord ? { metricWord } : {}),
      ...(rest.length ? { targetText: rest.join(" ") } : {}),
    });
    if (!isGroupChat(ctx.chat) || result.kind === "invalid") {
      await sendHtml(ctx.api, ctx.chat.id, goalText(result, m), replyTo(ctx));
      return;
    }
    // a target is a body number: it goes privately, the group only hears that a goal was set
    const delivered =
      result.kind === "set"
        ? await sendPrivately(ctx.api, ctx.from.id, goalText(result, m))
        : ("sent" as const);
    await sendHtml(
      ctx.api,
      ctx.chat.id,
      goalSetPrivately(result, delivered === "sent", m, ctx.me.username),
      replyTo(ctx),
    );
  });

  c.command("units", async (ctx) => {
    if (!ctx.from) return;
    const [word] = words(ctx.match);
    const result = await services.setUnits({
      actor: actorOf(ctx.from),
      ...(word ? { unitsWord: word } : {}),
    });
    await sendHtml(ctx.api, ctx.chat.id, unitsText(result), replyTo(ctx));
  });

  for (const [command, hidden] of [
    ["hide", true],
    ["show", false],
  ] as const) {
    c.command(command, async (ctx) => {
      if (!ctx.from) return;
      const result = await services.setVisibility({
        actor: actorOf(ctx.from),
        place: placeOf(ctx.chat),
        hidden,
      });
      await sendHtml(ctx.api, ctx.chat.id, visibilityText(result), replyTo(ctx));
    });
  }

  c.command("export", async (ctx) => {
    if (!ctx.from) return;
    const result = await services.exportCsv({ actor: actorOf(ctx.from) });
    if (result.scans === 0) return void (await sendHtml(ctx.api, ctx.chat.id, exportText(0), replyTo(ctx)));
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
      await sendHtml(ctx.api, ctx.chat.id, exportNeedsPrivateChat(m, ctx.me.username), replyTo(ctx));
      return;
    }
    if (isGroupChat(ctx.chat)) await sendHtml(ctx.api, ctx.chat.id, SENT_PRIVATELY, replyTo(ctx));
  });

  c.command("reminders", async (ctx) => {
    if (!ctx.from) return;
    const [word] = words(ctx.match).map((w) => w.toLowerCase());
    const on = word === "on" ? true : word === "off" ? false : null;
    if (on === null)
      return void (await sendHtml(ctx.api, ctx.chat.id, remindersText({ kind: "invalid" }), replyTo(ctx)));
    await services.setReminders({ actor: actorOf(ctx.from), on });
    await sendHtml(ctx.api, ctx.chat.id, remindersText({ kind: "set", on }), replyTo(ctx));
  });

  return c;
}
