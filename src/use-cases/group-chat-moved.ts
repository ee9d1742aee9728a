// A chat got a new id on its platform (a Telegram group became a supergroup): the group keeps everything.
import { moveGroupChat } from "../db/queries/people.ts";
import type { ActionDeps } from "./deps.ts";

export function groupChatMoved(deps: ActionDeps) {
  return async (input: { platform: string; fromChatId: string; toChatId: string }): Promise<void> => {
    await moveGroupChat(deps.sql, input.platform, input.fromChatId, input.toChatId);
  };
}
