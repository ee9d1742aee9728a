// Buttons: /forget's confirmation and "is this scan yours?". Only the person asked may answer.
import { type ButtonInteraction, MessageFlags } from "discord.js";
import { BUTTON_EXPIRED, FORGET_CANCELLED, forgottenText } from "../replies/messages.ts";
import { ownershipAnswer } from "../replies/scan.ts";
import { actorOf, type DiscordContext } from "./context.ts";
import { parsePhotoReadId, runPhotoReadButton } from "./photo-reads.ts";
import { parseOwnershipId } from "./scan.ts";

export async function runButton(ctx: DiscordContext, b: ButtonInteraction): Promise<void> {
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
  const photoRead = parsePhotoReadId(b.customId);
  if (photoRead) return runPhotoReadButton(ctx, b, photoRead);
  await b.reply({ content: BUTTON_EXPIRED, flags: MessageFlags.Ephemeral });
}
