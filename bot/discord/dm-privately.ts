// A direct message to a member, who may have closed their DMs (or share no server with the bot any more).
import type { MessageCreateOptions, User } from "discord.js";
import type { Logger } from "../../src/log.ts";
import type { Services } from "../../src/use-cases/services.ts";
import { PLATFORM } from "./context.ts";
import { errorInfo, isDmClosed } from "./errors.ts";

export interface DmDeps {
  services: Pick<Services, "cannotMessagePrivately">;
  log: Logger;
}

/**
 * Sends the messages in order by DM. "unreachable" when Discord refuses because the member's DMs are closed;
 * that is recorded, so later private posts try the member's other identities first. Any other error is thrown.
 */
export async function dmPrivately(
  deps: DmDeps,
  user: Pick<User, "id" | "send">,
  messages: readonly MessageCreateOptions[],
): Promise<"sent" | "unreachable"> {
  try {
    for (const message of messages) await user.send(message);
    return "sent";
  } catch (error) {
    if (!isDmClosed(error)) throw error;
    // only a hint for later posts: failing to note it must not cost the member their answer
    await deps.services
      .cannotMessagePrivately({ actor: { platform: PLATFORM, userId: user.id } })
      .catch((noted) => deps.log.warn({ err: errorInfo(noted) }, "could not note closed DMs"));
    return "unreachable";
  }
}
