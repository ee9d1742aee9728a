// Every slash command of the catalogue (bot/commands.ts) with its handler: parse the options, call one
// use-case, render the reply. The registry is typed from the catalogue, so a command without a handler
// (or a handler without a command, or an option the command does not declare) fails `tsc`.
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type ChatInputCommandInteraction,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import type { GroupSettings } from "../../src/use-cases/group-settings.ts";
import type { Actor, Place } from "../../src/use-cases/ports.ts";
import { type CommandName, isCommandOn, type OptionName } from "../commands.ts";
import { READ_LATER } from "../replies/later.ts";
import { forgetLinkedNote } from "../replies/link.ts";
import {
  ADMINS_ONLY_DISCORD,
  CHANNEL_NEEDED,
  detailsWhere,
  exportText,
  FORGET_BUTTONS,
  FORGET_CONFIRM,
  GROUP_ONLY_DISCORD,
  goalText,
  helpText,
  remindersText,
  settingChangedText,
  settingInvalidText,
  settingNeedsValue,
  settingsText,
  summaryPlaceChosenText,
  TOO_BIG,
  UNKNOWN_COMMAND,
  unitsText,
  visibilityText,
} from "../replies/messages.ts";
import { photoReadText } from "../replies/photo-read.ts";
import {
  badMetricText,
  badPeriodText,
  leaderboardText,
  noScansText,
  progressText,
} from "../replies/progress.ts";
import { rejectedText } from "../replies/rejections.ts";
import { duplicateText, nameMismatchQuestion, scanDetails, scanGroupSummary } from "../replies/scan.ts";
import { challengeCommand, joinCommand } from "./challenge.ts";
import { askConditions, conditionsCommand } from "./conditions.ts";
import { actorOf, type DiscordContext, PLATFORM, placeOf } from "./context.ts";
import { errorInfo } from "./errors.ts";
import { linkCommand, unlinkCommand } from "./link.ts";
import { photoReadButtons } from "./photo-reads.ts";
import { answer, deferPrivately, ephemeralReply, followUp, md } from "./respond.ts";
import { download, MAX_SCAN_BYTES, ownershipButtons, pngFile } from "./scan.ts";

type SlashCommand = CommandName<"discord">;

/** What a handler is given: the interaction, who and where, and its declared options by name. */
interface Invocation<N extends SlashCommand> {
  ctx: DiscordContext;
  i: ChatInputCommandInteraction;
  actor: Actor;
  place: Place;
  text(option: OptionName<N>): string | undefined;
}

/** Keyed by the catalogue's Discord commands, each handler seeing its own options. */
type Handlers = { [N in SlashCommand]: (call: Invocation<N>) => Promise<void> };

const HANDLERS = {
  help: async ({ ctx, i }) => {
    await ephemeralReply(i, helpText(md, "discord", i.inGuild(), { seesEveryPost: ctx.messageContent }));
  },

  scan: (call) => scanCommand(call),

  progress: async ({ ctx, i, actor, text }) => {
    await deferPrivately(i);
    const r = await ctx.services.progress({ actor, periodWord: text("period"), metricWord: text("view") });
    if (r.kind === "no_scans") return answer(i, noScansText(), {}, true);
    if (r.kind === "bad_period") return answer(i, badPeriodText(r.word, md, "progress"), {}, true);
    const files = [pngFile(r.chart, "progress.png")];
    if (r.segmentsChart) files.push(pngFile(r.segmentsChart, "segments.png"));
    return answer(i, progressText(r, md), { files }, true);
  },

  leaderboard: async ({ ctx, i, place, text }) => {
    if (!i.inGuild()) return ephemeralReply(i, GROUP_ONLY_DISCORD);
    await i.deferReply();
    const r = await ctx.services.leaderboard({
      place,
      metricWord: text("metric"),
      periodWord: text("period"),
    });
    if (r.kind === "not_a_group") return answer(i, GROUP_ONLY_DISCORD);
    if (r.kind === "bad_period") return answer(i, badPeriodText(r.word, md, "leaderboard"));
    if (r.kind === "bad_metric") return answer(i, badMetricText(r.word, md, "discord"));
    const files = r.chart ? [pngFile(r.chart, "leaderboard.png")] : [];
    return answer(i, leaderboardText(r, md), { files });
  },

  goal: async ({ ctx, i, actor, text }) => {
    await deferPrivately(i);
    const r = await ctx.services.setGoal({ actor, metricWord: text("metric"), targetText: text("target") });
    return answer(i, goalText(r, md), {}, true);
  },

  units: async ({ ctx, i, actor, text }) => {
    await deferPrivately(i);
    return answer(i, unitsText(await ctx.services.setUnits({ actor, unitsWord: text("units") })), {}, true);
  },

  reminders: async ({ ctx, i, actor, text }) => {
    await deferPrivately(i);
    const r = await ctx.services.setReminders({ actor, stateWord: text("state") });
    return answer(i, remindersText(r), {}, true);
  },

  hide: (call) => visibility(call, true),
  show: (call) => visibility(call, false),

  export: async ({ ctx, i, actor }) => {
    await deferPrivately(i);
    const r = await ctx.services.exportCsv({ actor });
    const files =
      r.scans > 0 ? [{ attachment: Buffer.from(r.csv, "utf8"), name: r.fileName }] : ([] as never[]);
    await i.editReply({ content: exportText(r.scans), files });
  },

  link: ({ ctx, i, actor, text }) => linkCommand(ctx, i, actor, text("code")),
  unlink: ({ ctx, i, actor }) => unlinkCommand(ctx, i, actor),

  forget: async ({ ctx, i, actor }) => {
    await deferPrivately(i);
    const { linkedPlatforms } = await ctx.services.forgetReach({ actor });
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder()
        .setCustomId("forget:yes")
        .setLabel(FORGET_BUTTONS.confirm)
        .setStyle(ButtonStyle.Danger),
      new ButtonBuilder()
        .setCustomId("forget:no")
        .setLabel(FORGET_BUTTONS.cancel)
        .setStyle(ButtonStyle.Secondary),
    );
    return answer(i, FORGET_CONFIRM + forgetLinkedNote(linkedPlatforms, md), { components: [row] }, true);
  },

  settings: (call) => settingsCommand(call),

  challenge: ({ ctx, i, place, text }) => challengeCommand(ctx, i, place, text("action"), text("details")),
  join: ({ ctx, i, actor, place }) => joinCommand(ctx, i, actor, place),
  conditions: ({ ctx, i, actor, text }) => conditionsCommand(ctx, i, actor, text("state")),
} satisfies Handlers;

/** Runs the command's handler; a command an older version registered gets a pointer to /help. */
export async function runCommand(ctx: DiscordContext, i: ChatInputCommandInteraction): Promise<void> {
  const name = i.commandName;
  if (!isCommandOn("discord", name)) return ephemeralReply(i, UNKNOWN_COMMAND);
  const handler = HANDLERS[name] as (call: Invocation<SlashCommand>) => Promise<void>;
  await handler({
    ctx,
    i,
    actor: actorOf(i.user),
    place: placeOf(i.guild, i.guildId, i.channelId),
    text: (option) => i.options.getString(option) ?? undefined,
  });
}

async function visibility({ ctx, i, actor, place }: Omit<Invocation<SlashCommand>, "text">, hidden: boolean) {
  if (!i.inGuild()) return ephemeralReply(i, GROUP_ONLY_DISCORD);
  await deferPrivately(i);
  const r = await ctx.services.setVisibility({ actor, place, hidden });
  return answer(i, visibilityText(r, PLATFORM), {}, true);
}

async function settingsCommand(call: Invocation<"settings">): Promise<void> {
  const { ctx, i, place, text } = call;
  if (!i.inGuild()) return ephemeralReply(i, GROUP_ONLY_DISCORD);
  // default_member_permissions only hides the command; server admins can override that, so check here too
  if (!i.memberPermissions.has(PermissionFlagsBits.ManageGuild))
    return ephemeralReply(i, ADMINS_ONLY_DISCORD);
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const key = text("setting");
  const value = text("value");
  const show = async (group: GroupSettings) => {
    const destination = await ctx.services.showSummaryPlace({ place });
    return settingsText(group, md, ctx.defaultTimeZone, { platform: PLATFORM, destination });
  };
  if (key === "channel" || (!key && i.options.getChannel("channel"))) return summaryChannel(call, show);
  if (key && value) {
    const r = await ctx.services.changeGroupSetting({ place, key, value });
    if (r.kind === "not_a_group") return answer(i, GROUP_ONLY_DISCORD, {}, true);
    if (r.kind === "invalid") return answer(i, settingInvalidText(r.key, r.setting, md), {}, true);
    ctx.log.info({ guildId: i.guildId, key }, "group setting changed");
    return answer(i, `${settingChangedText(key)}\n\n${await show(r.group)}`, {}, true);
  }
  const group = await ctx.services.groupSettings({ place });
  if (!group) return answer(i, GROUP_ONLY_DISCORD, {}, true);
  const hint = key ? `${settingNeedsValue(key, md)}\n\n` : "";
  return answer(i, hint + (await show(group)), {}, true);
}

/** `/settings setting:channel channel:#scans` (value "off": back to where scans are posted). */
async function summaryChannel(
  { ctx, i, place, text }: Invocation<"settings">,
  show: (group: GroupSettings) => Promise<string>,
): Promise<void> {
  const picked = i.options.getChannel("channel")?.id ?? /^<#(\d+)>$/.exec(text("value") ?? "")?.[1] ?? null;
  const off = /^(off|none|auto|default)$/i.test(text("value") ?? "");
  if (!picked && !off) return answer(i, CHANNEL_NEEDED, {}, true);
  const r = await ctx.services.chooseSummaryPlace({ place, chosen: off ? null : picked });
  const group = await ctx.services.groupSettings({ place });
  if (r.kind === "not_a_group" || !group) return answer(i, GROUP_ONLY_DISCORD, {}, true);
  ctx.log.info({ guildId: i.guildId, key: "channel" }, "group setting changed");
  return answer(i, `${summaryPlaceChosenText(PLATFORM, r.chosen)}\n\n${await show(group)}`, {}, true);
}

/**
 * /scan file:<pdf>. In a server the reply is deferred privately: the member gets the exact numbers and chart
 * (ephemeral), the channel gets the relative summary as a public followup, and rejections or duplicates never
 * clutter the channel. In a DM everything goes into the one reply.
 */
async function scanCommand({ ctx, i, actor, place }: Invocation<"scan">): Promise<void> {
  const file = i.options.getAttachment("file", true);
  if (file.size > MAX_SCAN_BYTES) return ephemeralReply(i, TOO_BIG);
  // a redelivered interaction was answered the first time
  if (!(await ctx.services.firstDelivery(PLATFORM, `interaction:${i.id}`))) return;
  const inGuild = i.inGuild();
  await deferPrivately(i);
  const bytes = await download(file.url);
  const r = await ctx.services.ingestScan({
    actor,
    place,
    bytes,
    fileName: file.name,
    mimeType: file.contentType,
    messageId: `interaction:${i.id}`,
    replyChatId: i.channelId,
  });
  ctx.log.info({ guildId: i.guildId, userId: i.user.id, outcome: r.kind }, "discord scan");
  if (inGuild && r.kind !== "rejected")
    await ctx.services.rememberScanPlace({ place, channelId: i.channelId }).catch((error) => {
      ctx.log.warn({ err: errorInfo(error) }, "could not remember the scan channel");
    });
  if (r.kind === "duplicate") return answer(i, duplicateText(r), {}, true);
  if (r.kind === "rejected") return answer(i, rejectedText(r.code, md), {}, true);
  // a photo: what was read, only for the member, with Save and Fix (bot/discord/photo-reads.ts)
  if (r.kind === "needs_confirmation") {
    if (!r.read) return;
    const text = photoReadText(r.read, md, r.again ? "again" : "new");
    return answer(i, text, { components: [photoReadButtons(r.read.id)] }, true);
  }
  if (r.kind === "busy") return answer(i, READ_LATER, {}, true);

  const files = [pngFile(r.chart, "progress.png")];
  const details = inGuild ? `${scanDetails(r, md)}\n\n${detailsWhere(md, "only_you")}` : scanDetails(r, md);
  await answer(i, details, { files }, true);
  if (inGuild) await followUp(i, scanGroupSummary(r, md, r.memberName), false);
  await askConditions(ctx, i, r);
  if (r.nameMismatch)
    await followUp(i, nameMismatchQuestion(r, md), true, { components: [ownershipButtons(r.scanReportId)] });
}
