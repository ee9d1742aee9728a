// /link and /unlink: the code always goes to the private chat; `/link CODE` and /unlink answer where sent.

import { linkCodeNeedsPrivateChat, linkCodeText, linkText, unlinkText } from "../replies/link.ts";
import { telegramHtml as m } from "../replies/markup.ts";
import { SENT_PRIVATELY } from "../replies/messages.ts";
import { actorOf, type Features, isGroupChat, PLATFORM } from "./context.ts";
import { type CommandHandlers, words } from "./handlers.ts";
import { replyHtml, sendPrivately } from "./send.ts";

export function linkCommands(f: Features) {
  const { services } = f;
  return {
    link: async (ctx) => {
      if (!ctx.from) return;
      const actor = actorOf(ctx.from);
      const typed = words(ctx.match).join("");
      if (typed) {
        await replyHtml(ctx, linkText(await services.linkAccounts({ actor, codeText: typed }), PLATFORM));
        return;
      }
      const r = await services.requestLinkCode({ actor });
      if (r.kind !== "code" || !isGroupChat(ctx.chat)) {
        await replyHtml(ctx, linkCodeText(r, m, PLATFORM));
        return;
      }
      const delivered = await sendPrivately(ctx.api, ctx.from.id, linkCodeText(r, m, PLATFORM));
      if (delivered === "unreachable") {
        await services.cannotMessagePrivately({ actor });
        await replyHtml(ctx, linkCodeNeedsPrivateChat(m, ctx.me.username));
        return;
      }
      await replyHtml(ctx, SENT_PRIVATELY);
    },

    unlink: async (ctx) => {
      if (!ctx.from) return;
      await replyHtml(ctx, unlinkText(await services.unlinkAccount({ actor: actorOf(ctx.from) })));
    },
  } satisfies CommandHandlers;
}
