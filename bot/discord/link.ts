// /link [code] and /unlink: always answered privately (ephemeral in a server), so a code is only ever seen
// by the member it is for.
import type { ChatInputCommandInteraction } from "discord.js";
import type { Actor } from "../../src/use-cases/ports.ts";
import { linkCodeText, linkText, unlinkText } from "../replies/link.ts";
import { type DiscordContext, PLATFORM } from "./context.ts";
import { answer, deferPrivately, md } from "./respond.ts";

export async function linkCommand(
  ctx: DiscordContext,
  i: ChatInputCommandInteraction,
  actor: Actor,
  code: string | undefined,
): Promise<void> {
  await deferPrivately(i);
  if (code?.trim()) {
    return answer(
      i,
      linkText(await ctx.services.linkAccounts({ actor, codeText: code }), PLATFORM),
      {},
      true,
    );
  }
  const r = await ctx.services.requestLinkCode({ actor });
  return answer(i, linkCodeText(r, md, PLATFORM), {}, true);
}

export async function unlinkCommand(
  ctx: DiscordContext,
  i: ChatInputCommandInteraction,
  actor: Actor,
): Promise<void> {
  await deferPrivately(i);
  return answer(i, unlinkText(await ctx.services.unlinkAccount({ actor })), {}, true);
}
