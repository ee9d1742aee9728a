// /forget (after the member confirmed): deletes their raw files, records and derived rows; the Sheet mirror
// then removes their rows.
import { forgetMemberRows } from "../db/queries/forget.ts";
import { findMemberByIdentity } from "../db/queries/people.ts";
import { type ActionDeps, membersChanged } from "./deps.ts";
import type { Actor } from "./ports.ts";

export interface Forgotten {
  scans: number;
  rawFiles: number;
}

export function forgetMember(deps: ActionDeps) {
  return async (input: { actor: Actor }): Promise<Forgotten> => {
    const member = await findMemberByIdentity(deps.sql, input.actor.platform, input.actor.userId);
    if (!member) return { scans: 0, rawFiles: 0 };
    const deleted = await forgetMemberRows(deps.sql, member.id);
    await membersChanged(deps, [member.id]);
    deps.log.info({ memberId: member.id }, "member forgotten");
    return deleted;
  };
}
