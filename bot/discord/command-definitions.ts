// Slash-command JSON for Discord, derived from the shared catalogue (bot/commands.ts). Used both when the
// bot starts and by `pump discord:deploy`, so the two can never disagree.
import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { METRIC_INFO, type TrackedMetric } from "../../src/domain/metrics.ts";
import { BOARD_METRIC_INFO, type BoardMetric, describePeriod } from "../../src/use-cases/periods.ts";
import { type CommandOption, type CommandSpec, commandsFor } from "../commands.ts";

const OPTION_TYPES: Record<CommandOption["type"], ApplicationCommandOptionType> = {
  string: ApplicationCommandOptionType.String,
  number: ApplicationCommandOptionType.Number,
  attachment: ApplicationCommandOptionType.Attachment,
  channel: ApplicationCommandOptionType.Channel,
};

const PERIOD_WORDS = new Set(["all", "30d", "90d", "1y", "challenge"]);

/** What a member sees in the choice list; the value stays the catalogue word. */
function choiceLabel(command: string, option: string, value: string): string {
  if (command === "goal" && option === "metric" && value in METRIC_INFO) {
    const label = METRIC_INFO[value as TrackedMetric].label;
    return label.charAt(0).toUpperCase() + label.slice(1);
  }
  if (option === "metric" && value in BOARD_METRIC_INFO) return BOARD_METRIC_INFO[value as BoardMetric].title;
  if (option === "period" && PERIOD_WORDS.has(value)) {
    const text = describePeriod(value as "all");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  return value;
}

function optionJson(command: CommandSpec, option: CommandOption): APIApplicationCommandBasicOption {
  return {
    type: OPTION_TYPES[option.type],
    name: option.name,
    description: option.description.slice(0, 100),
    required: option.required ?? false,
    ...(option.type === "channel"
      ? { channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] }
      : {}),
    ...(option.choices
      ? {
          choices: option.choices.slice(0, 25).map((value) => ({
            name: choiceLabel(command.name, option.name, value).slice(0, 100),
            value,
          })),
        }
      : {}),
  } as APIApplicationCommandBasicOption;
}

/** Guild-only commands (leaderboard, hide, show, settings) are not offered in DMs. */
function contextsOf(spec: CommandSpec): InteractionContextType[] {
  if (spec.where === "group") return [InteractionContextType.Guild];
  if (spec.where === "private") return [InteractionContextType.BotDM];
  return [InteractionContextType.Guild, InteractionContextType.BotDM];
}

export function discordCommandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commandsFor("discord").map((spec) => {
    // Discord rejects a required option after an optional one.
    const options = [...spec.options].sort(
      (a, b) => Number(b.required ?? false) - Number(a.required ?? false),
    );
    return {
      type: ApplicationCommandType.ChatInput,
      name: spec.name,
      description: spec.description.slice(0, 100),
      options: options.map((o) => optionJson(spec, o)),
      contexts: contextsOf(spec),
      // Hidden from members without Manage Server in the client; still checked when the command runs.
      default_member_permissions: spec.adminOnly ? String(PermissionFlagsBits.ManageGuild) : null,
    };
  });
}
