// Slash commands and buttons. Every handler acknowledges within Discord's 3-second window (a reply or a
// defer before any database work), and every failure ends in an answer — never a stuck "thinking…".
import {
  ActionRowBuilder,
  type AttachmentBuilder,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
  type RepliableInteraction,
} from "discord.js";
import { BOARD_METRICS, BOARD_PERIODS, PROGRESS_PERIODS } from "../../src/use-cases/periods.ts";
import {
  ADMINS_ONLY,
  exportText,
  FORGET_BUTTONS,
  FORGET_CANCELLED,
  FORGET_CONFIRM,
  forgottenText,
  GROUP_ONLY,
  goalText,
  helpText,
  remindersText,
  SORRY,
  settingChangedText,
  settingInvalidText,
  settingsText,
  TOO_BIG,
  unitsText,
  visibilityText,
} from "../replies/messages.ts";
import {
  badMetricText,
  badPeriodText,
  leaderboardText,
  noScansText,
  progressText,
} from "../replies/progress.ts";
import {
  duplicateText,
  nameMismatchQuestion,
  ownershipAnswer,
  rejectedText,
  scanDetails,
  scanGroupSummary,
} from "../replies/scan.ts";
import { actorOf, type DiscordContext, PLATFORM, placeOf } from "./context.ts";
import { errorInfo } from "./errors.ts";
import { download, MAX_SCAN_BYTES, ownershipButtons, parseOwnershipId, pngFile } from "./scan.ts";
import { DETAILS_ONLY_FOR_YOU, md, splitMessage } from "./text.ts";

type Components = ActionRowBuilder<ButtonBuilder>[];
interface Answer {
  files?: AttachmentBuilder[];
  components?: Components;
}

export async function handleInteraction(ctx: DiscordContext, interaction: Interaction): Promise<void> {
  if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
  if (interaction.guildId && interaction.channelId)
    ctx.rememberChannel(interaction.guildId, interaction.channelId);
  const what = interaction.isChatInputCommand() ? `/${interaction.commandName}` : interaction.customId;
  try {
    if (interaction.isChatInputCommand()) await runCommand(ctx, interaction);
    else await runButton(ctx, interaction);
    ctx.log.debug({ what, guildId: interaction.guildId, userId: interaction.user.id }, "discord interaction");
  } catch (error) {
    ctx.log.error(
      { err: errorInfo(error), what, guildId: interaction.guildId, userId: interaction.user.id },
      "discord interaction failed",
    );
    await answerFailure(ctx, interaction);
  }
}

async function answerFailure(ctx: DiscordContext, interaction: RepliableInteraction): Promise<void> {
  try {
    if (interaction.replied) await interaction.followUp({ content: SORRY, flags: MessageFlags.Ephemeral });
    else if (interaction.deferred) await interaction.editReply({ content: SORRY, files: [], components: [] });
    else await interaction.reply({ content: SORRY, flags: MessageFlags.Ephemeral });
  } catch (error) {
    ctx.log.warn({ err: errorInfo(error) }, "could not tell the member about a failure");
  }
}

/** Fills the deferred reply; text beyond 2000 characters continues in followups with the same visibility. */
async function answer(
  interaction: RepliableInteraction,
  text: string,
  extra: Answer = {},
  ephemeral = false,
): Promise<void> {
  const [first, ...rest] = splitMessage(text);
  await interaction.editReply({
    content: first ?? "",
    files: extra.files ?? [],
    components: rest.length === 0 ? (extra.components ?? []) : [],
  });
  for (const [i, part] of rest.entries()) {
    await interaction.followUp({
      content: part,
      ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      ...(i === rest.length - 1 && extra.components ? { components: extra.components } : {}),
    });
  }
}

async function followUp(
  interaction: RepliableInteraction,
  text: string,
  ephemeral: boolean,
  extra: Answer = {},
): Promise<void> {
  const parts = splitMessage(text);
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    await interaction.followUp({
      content: part,
      ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      ...(last && extra.files ? { files: extra.files } : {}),
      ...(last && extra.components ? { components: extra.components } : {}),
    });
  }
}

const ephemeralReply = (interaction: RepliableInteraction, content: string) =>
  interaction.reply({ content: splitMessage(content)[0]!, flags: MessageFlags.Ephemeral });

/** Private in a server (only the member sees it); in a DM everything is private anyway. */
const deferPrivately = (interaction: RepliableInteraction) =>
  interaction.deferReply(interaction.inGuild() ? { flags: MessageFlags.Ephemeral } : {});

// ====================================================================== commands

async function runCommand(ctx: DiscordContext, i: ChatInputCommandInteraction): Promise<void> {
  const { services } = ctx;
  const actor = actorOf(i.user);
  const place = placeOf(i.guild, i.guildId, i.channelId);
  const str = (name: string) => i.options.getString(name) ?? undefined;

  switch (i.commandName) {
    case "help": {
      const [first, ...rest] = splitMessage(helpText(md, "discord", i.inGuild()));
      await i.reply({ content: first!, flags: MessageFlags.Ephemeral });
      for (const part of rest) await i.followUp({ content: part, flags: MessageFlags.Ephemeral });
      return;
    }
    case "scan":
      return scanCommand(ctx, i);
    case "progress": {
      await deferPrivately(i);
      const r = await services.progress({ actor, periodWord: str("period"), metricWord: str("view") });
      if (r.kind === "no_scans") return answer(i, noScansText(), {}, true);
      if (r.kind === "bad_period") return answer(i, badPeriodText(r.word, md, PROGRESS_PERIODS), {}, true);
      const files = [pngFile(r.chart, "progress.png")];
      if (r.segmentsChart) files.push(pngFile(r.segmentsChart, "segments.png"));
      return answer(i, progressText(r, md), { files }, true);
    }
    case "leaderboard": {
      if (!i.inGuild()) return void (await ephemeralReply(i, GROUP_ONLY));
      await i.deferReply();
      const r = await services.leaderboard({ place, metricWord: str("metric"), periodWord: str("period") });
      if (r.kind === "not_a_group") return answer(i, GROUP_ONLY);
      if (r.kind === "bad_period") return answer(i, badPeriodText(r.word, md, BOARD_PERIODS));
      if (r.kind === "bad_metric") return answer(i, badMetricText(r.word, md, BOARD_METRICS));
      const files = r.chart ? [pngFile(r.chart, "leaderboard.png")] : [];
      return answer(i, leaderboardText(r, md), { files });
    }
    case "goal": {
      await deferPrivately(i);
      const r = await services.setGoal({ actor, metricWord: str("metric"), targetText: str("target") });
      return answer(i, goalText(r, md), {}, true);
    }
    case "units": {
      await deferPrivately(i);
      return answer(i, unitsText(await services.setUnits({ actor, unitsWord: str("units") })), {}, true);
    }
    case "reminders": {
      await deferPrivately(i);
      const state = str("state");
      if (state !== "on" && state !== "off") return answer(i, remindersText({ kind: "invalid" }), {}, true);
      await services.setReminders({ actor, on: state === "on" });
      return answer(i, remindersText({ kind: "set", on: state === "on" }), {}, true);
    }
    case "hide":
    case "show": {
      if (!i.inGuild()) return void (await ephemeralReply(i, GROUP_ONLY));
      await deferPrivately(i);
      const r = await services.setVisibility({ actor, place, hidden: i.commandName === "hide" });
      return answer(i, visibilityText(r), {}, true);
    }
    case "export": {
      await deferPrivately(i);
      const r = await services.exportCsv({ actor });
      const files =
        r.scans > 0 ? [{ attachment: Buffer.from(r.csv, "utf8"), name: r.fileName }] : ([] as never[]);
      await i.editReply({ content: exportText(r.scans), files });
      return;
    }
    case "forget": {
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
      await i.reply({ content: FORGET_CONFIRM, components: [row], flags: MessageFlags.Ephemeral });
      return;
    }
    case "settings":
      return settingsCommand(ctx, i);
    default:
      await ephemeralReply(i, "I don't know that command any more — try /help.");
  }
}

async function settingsCommand(ctx: DiscordContext, i: ChatInputCommandInteraction): Promise<void> {
  if (!i.inGuild()) return void (await ephemeralReply(i, GROUP_ONLY));
  // default_member_permissions only hides the command; server admins can override that, so check here too
  if (!i.memberPermissions.has(PermissionFlagsBits.ManageGuild))
    return void (await ephemeralReply(i, `${ADMINS_ONLY} (Manage Server permission)`));
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const place = placeOf(i.guild, i.guildId, i.channelId);
  const key = i.options.getString("setting");
  const value = i.options.getString("value");
  if (key && value) {
    const r = await ctx.services.changeGroupSetting({ place, key, value });
    if (r.kind === "not_a_group") return answer(i, GROUP_ONLY, {}, true);
    if (r.kind === "invalid") return answer(i, settingInvalidText(r.key, r.hint, md), {}, true);
    ctx.log.info({ guildId: i.guildId, key }, "group setting changed");
    return answer(
      i,
      `${settingChangedText(key)}\n\n${settingsText(r.group, md, ctx.defaultTimeZone)}`,
      {},
      true,
    );
  }
  const group = await ctx.services.groupSettings({ place });
  if (!group) return answer(i, GROUP_ONLY, {}, true);
  const hint = key ? `${md.italic(`Give a value for ${key} too.`)}\n\n` : "";
  return answer(i, hint + settingsText(group, md, ctx.defaultTimeZone), {}, true);
}

/**
 * /scan file:<pdf>. In a server the reply is deferred privately: the member gets the exact numbers and chart
 * (ephemeral), the channel gets the relative summary as a public followup, and rejections or duplicates never
 * clutter the channel. In a DM everything goes into the one reply.
 */
async function scanCommand(ctx: DiscordContext, i: ChatInputCommandInteraction): Promise<void> {
  const file = i.options.getAttachment("file", true);
  if (file.size > MAX_SCAN_BYTES) return void (await ephemeralReply(i, TOO_BIG));
  // a redelivered interaction was answered the first time
  if (!(await ctx.services.firstDelivery(PLATFORM, `interaction:${i.id}`))) return;
  const inGuild = i.inGuild();
  await deferPrivately(i);
  const bytes = await download(file.url);
  const actor = actorOf(i.user);
  const r = await ctx.services.ingestScan({
    actor,
    place: placeOf(i.guild, i.guildId, i.channelId),
    bytes,
    fileName: file.name,
    mimeType: file.contentType,
    messageId: `interaction:${i.id}`,
  });
  ctx.log.info({ guildId: i.guildId, userId: i.user.id, outcome: r.kind }, "discord scan");
  if (r.kind === "duplicate") return answer(i, duplicateText(r), {}, true);
  if (r.kind === "rejected") return answer(i, rejectedText(r, md), {}, true);

  const files = r.chart ? [pngFile(r.chart, "progress.png")] : [];
  const details = inGuild ? `${scanDetails(r, md)}\n\n${DETAILS_ONLY_FOR_YOU}` : scanDetails(r, md);
  await answer(i, details, { files }, true);
  if (inGuild) await followUp(i, scanGroupSummary(r, md, r.memberName), false);
  if (r.nameMismatch)
    await followUp(i, nameMismatchQuestion(r, md), true, { components: [ownershipButtons(r.scanReportId)] });
}

// ====================================================================== buttons

async function runButton(ctx: DiscordContext, b: ButtonInteraction): Promise<void> {
  const actor = actorOf(b.user);
  if (b.customId === "forget:no") {
    await b.update({ content: FORGET_CANCELLED, components: [] });
    return;
  }
  if (b.customId === "forget:yes") {
    await b.deferUpdate();
    const r = await ctx.services.forget({ actor });
    await b.editReply({ content: forgottenText(r), components: [] });
    return;
  }
  const own = parseOwnershipId(b.customId);
  if (own) {
    await b.deferUpdate();
    const outcome = await ctx.services.confirmScanOwner({ actor, ...own });
    if (outcome === "not_yours_to_answer")
      await b.followUp({ content: ownershipAnswer(outcome), flags: MessageFlags.Ephemeral });
    else await b.editReply({ content: ownershipAnswer(outcome), components: [] });
    return;
  }
  await b.reply({ content: "That button has expired.", flags: MessageFlags.Ephemeral });
}
