// Every command of the catalogue (bot/commands.ts) with its Telegram handler: the registry is typed from
// the catalogue, so a command without a handler (or a handler without a command) fails `tsc`.
import { Composer, type Context } from "grammy";
import type { CommandRegistry } from "../commands.ts";
import { COMMAND_AS_YOURSELF } from "../replies/messages.ts";
import { challengeCommands } from "./challenge.ts";
import { conditionsCommands } from "./conditions.ts";
import { forgetCommand } from "./confirmations.ts";
import { type Features, postedAnonymously } from "./context.ts";
import type { CommandHandler } from "./handlers.ts";
import { linkCommands } from "./link.ts";
import { memberCommands } from "./member-commands.ts";
import { replyHtml } from "./send.ts";
import { settingsCommand } from "./settings.ts";

/**
 * Commands that act for no one person: an anonymous group admin (posting as the group) may use them —
 * /settings checks the admin through `sender_chat`. Every other command files or shows one person's data,
 * which a sender shared by every group must not hold.
 */
const WITHOUT_A_PERSON: ReadonlySet<string> = new Set(["start", "help", "leaderboard", "settings"]);

function asAPerson(handler: CommandHandler): CommandHandler {
  return async (ctx) => {
    if (postedAnonymously(ctx.msg)) return void (await replyHtml(ctx, COMMAND_AS_YOURSELF));
    await handler(ctx);
  };
}

export function commandsFeature(f: Features): Composer<Context> {
  const registry: CommandRegistry<"telegram", CommandHandler> = {
    ...memberCommands(f),
    ...challengeCommands(f),
    ...conditionsCommands(f),
    ...linkCommands(f),
    forget: forgetCommand(f),
    settings: settingsCommand(f),
  };
  const composer = new Composer<Context>();
  for (const [name, handler] of Object.entries(registry))
    composer.command(name, WITHOUT_A_PERSON.has(name) ? handler : asAPerson(handler));
  return composer;
}
