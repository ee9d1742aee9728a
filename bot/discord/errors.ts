// Errors as they may be logged: Discord API errors carry the request body (which can hold a member's
// numbers), so only the name, code, status and message are kept.
import { DiscordAPIError, RESTJSONErrorCodes } from "discord.js";

export function errorInfo(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError)
    return {
      name: error.name,
      code: error.code,
      status: error.status,
      method: error.method,
      message: error.message,
    };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { message: String(error) };
}

export function isDmClosed(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser ||
      error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds)
  );
}

/** The bot may not post there (no access, no permission, channel gone). */
export function isCannotPost(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.MissingAccess ||
      error.code === RESTJSONErrorCodes.MissingPermissions ||
      error.code === RESTJSONErrorCodes.UnknownChannel ||
      error.code === RESTJSONErrorCodes.UnknownGuild)
  );
}
