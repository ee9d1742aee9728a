// Without the Message Content intent the bot sees a server post only when it is addressed (an @mention, or a
// reply to one of its messages). The operator hears it once in the log; each server hears it in its first reply.

/** The one line for the operator when the Developer Portal refuses the intent. */
export const MESSAGE_CONTENT_REFUSED_LOG =
  "discord: the Message Content intent is not enabled for this application, so the bot only sees server posts that @mention it or reply to it (and /scan). To read every posted PDF: Developer Portal → your application → Bot → Privileged Gateway Intents → Message Content Intent, then restart.";

/** True the first time it is asked about a server (since the start), false afterwards. */
export function oncePerServer(): (guildId: string) => boolean {
  const told = new Set<string>();
  return (guildId) => {
    if (told.has(guildId)) return false;
    told.add(guildId);
    return true;
  };
}
