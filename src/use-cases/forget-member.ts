// /forget (after the member confirmed): deletes their raw files, records and derived rows — on every
// platform their accounts are linked on; the Sheet mirror then removes their rows.
import { deleteMember, findMemberByIdentity, platformsOfMember } from "../db/queries/people.ts";
import { type ActionDeps, membersChanged } from "./deps.ts";
import type { Actor } from "./ports.ts";

export interface Forgotten {
  scans: number;
  rawFiles: number;
}

/** What the confirmation question must say: the other platforms the person is forgotten on too. */
export function forgetReach(deps: Pick<ActionDeps, "sql">) {
  return async (input: { actor: Actor }): Promise<{ linkedPlatforms: string[] }> => {
    const member = await findMemberByIdentity(deps.sql, input.actor.platform, input.actor.userId);
    const platforms = member ? await platformsOfMember(deps.sql, member.id) : [];
    return { linkedPlatforms: platforms.filter((p) => p !== input.actor.platform) };
  };
}

export function forgetMember(deps: ActionDeps) {
  return async (input: { actor: Actor }): Promise<Forgotten> => {
    const member = await findMemberByIdentity(deps.sql, input.actor.platform, input.actor.userId);
    if (!member) return { scans: 0, rawFiles: 0 };
    const { memberIds, ...deleted } = await deleteMember(deps.sql, member.id);
    await membersChanged(deps, memberIds);
    deps.log.info({ memberId: member.id }, "member forgotten");
    return deleted;
  };
}
