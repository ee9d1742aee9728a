// After an accepted scan: should the bot ask the member, privately, how it was taken (fasted? trained
// today? usual time?). Asked while they are in a running challenge — where fair conditions decide results —
// unless they switched it off (/conditions off) or already answered for this scan.
import { conditionsQuestionDue } from "../db/queries/conditions.ts";
import type { ActionDeps } from "./deps.ts";

/** `memberId` is the accepted scan's (the reply carries it): no second look-up of who sent it. */
export function askConditions(deps: ActionDeps) {
  return (input: { memberId: number; scanId: string }): Promise<boolean> =>
    conditionsQuestionDue(deps.sql, input.memberId, input.scanId);
}
