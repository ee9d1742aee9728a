// After an accepted scan: should the bot ask the member, privately, how it was taken (fasted? trained
// today? usual time?). Asked while they are in a running challenge — where fair conditions decide results —
// unless they switched it off (/conditions off) or already answered for this scan.
import { inRunningChallenge } from "../db/queries/challenges.ts";
import { conditionsEnabled, hasConditions } from "../db/queries/conditions.ts";
import { type ActionDeps, memberOf } from "./deps.ts";
import type { Actor } from "./ports.ts";

export function askConditions(deps: ActionDeps) {
  return async (input: { actor: Actor; scanId: string }): Promise<boolean> => {
    const member = await memberOf(deps.sql, input.actor);
    if (!(await conditionsEnabled(deps.sql, member.id))) return false;
    if (!(await inRunningChallenge(deps.sql, member.id))) return false;
    return !(await hasConditions(deps.sql, member.id, input.scanId));
  };
}
