// /link CODE: joins the account it is sent from to the account that asked for the code, as one member (the
// older of the two keeps its id, goals and settings). A wrong code counts against 5 tries per 10 minutes.
import { failedTriesSince, recordLinkTry, redeemLinkCode } from "../db/queries/link-codes.ts";
import { platformsOfMember } from "../db/queries/people.ts";
import { normaliseLinkCode } from "../domain/link-code.ts";
import { type ActionDeps, memberOf, membersChanged } from "./deps.ts";
import type { Actor } from "./ports.ts";
import { linkCodeHash } from "./request-link-code.ts";

export const WRONG_LINK_TRIES = 5;
export const WRONG_LINK_TRIES_MINUTES = 10;

export type LinkResult =
  | { kind: "linked"; platforms: string[] }
  | { kind: "wrong" }
  | { kind: "expired" }
  | { kind: "too_many_tries"; minutes: number }
  | { kind: "same_person" }
  | { kind: "platform_taken"; platform: string };

export function linkAccounts(deps: ActionDeps) {
  return async (input: { actor: Actor; codeText: string }): Promise<LinkResult> => {
    const identity = { platform: input.actor.platform, userId: input.actor.userId };
    const now = deps.now();
    const since = new Date(now.getTime() - WRONG_LINK_TRIES_MINUTES * 60_000);
    if ((await failedTriesSince(deps.sql, identity, since)) >= WRONG_LINK_TRIES)
      return { kind: "too_many_tries", minutes: WRONG_LINK_TRIES_MINUTES };
    await memberOf(deps.sql, input.actor);
    const code = normaliseLinkCode(input.codeText);
    const result = code
      ? await redeemLinkCode(deps.sql, { hash: linkCodeHash(code), redeemer: identity, now })
      : ({ kind: "wrong" } as const);
    await recordLinkTry(deps.sql, identity, now, result.kind === "linked");
    if (result.kind !== "linked") {
      deps.log.info({ platform: identity.platform, outcome: result.kind }, "link refused");
      return result;
    }
    await membersChanged(deps, [result.keptMemberId, result.absorbedMemberId]);
    deps.log.info(
      { memberId: result.keptMemberId, mergedMemberId: result.absorbedMemberId },
      "accounts linked",
    );
    return { kind: "linked", platforms: await platformsOfMember(deps.sql, result.keptMemberId) };
  };
}
