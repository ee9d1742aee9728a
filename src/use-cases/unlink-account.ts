// /unlink: the account it is sent from becomes a member of its own again. Its scans from now on are its own;
// the scans it sent before stay with the person it leaves (so does a /forget from the other account).
import { splitIdentity } from "../db/queries/people.ts";
import { type ActionDeps, membersChanged } from "./deps.ts";
import type { Actor } from "./ports.ts";

export type UnlinkResult = { kind: "unlinked"; platform: string } | { kind: "not_linked" };

export function unlinkAccount(deps: ActionDeps) {
  return async (input: { actor: Actor }): Promise<UnlinkResult> => {
    const split = await splitIdentity(deps.sql, input.actor.platform, input.actor.userId, deps.now());
    if (!split) return { kind: "not_linked" };
    await membersChanged(deps, [split.fromMemberId, split.toMemberId]);
    deps.log.info({ memberId: split.fromMemberId, newMemberId: split.toMemberId }, "account unlinked");
    return { kind: "unlinked", platform: split.platform };
  };
}
