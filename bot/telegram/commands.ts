// Every command of the catalogue (bot/commands.ts) with its Telegram handler: the registry is typed from
// the catalogue, so a command without a handler (or a handler without a command) fails `tsc`.
import { Composer, type Context } from "grammy";
import type { CommandRegistry } from "../commands.ts";
import { forgetCommand } from "./confirmations.ts";
import type { Features } from "./context.ts";
import type { CommandHandler } from "./handlers.ts";
import { linkCommands } from "./link.ts";
import { memberCommands } from "./member-commands.ts";
import { settingsCommand } from "./settings.ts";

export function commandsFeature(f: Features): Composer<Context> {
  const registry: CommandRegistry<"telegram", CommandHandler> = {
    ...memberCommands(f),
    ...linkCommands(f),
    forget: forgetCommand(f),
    settings: settingsCommand(f),
  };
  const composer = new Composer<Context>();
  for (const [name, handler] of Object.entries(registry)) composer.command(name, handler);
  return composer;
}
