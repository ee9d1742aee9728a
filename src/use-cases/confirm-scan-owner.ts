// The member answers "is this scan yours?" (the sheet shows another name): "no" takes it out of their history.
import { scanReportOwner, voidScanReport } from "../db/queries/scans.ts";
import { type ActionDeps, memberOf, membersChanged } from "./deps.ts";
import type { Actor } from "./ports.ts";

export type OwnerAnswer = "kept" | "removed" | "not_yours_to_answer";

export function confirmScanOwner(deps: ActionDeps) {
  return async (input: { actor: Actor; scanReportId: number; mine: boolean }): Promise<OwnerAnswer> => {
    const member = await memberOf(deps.sql, input.actor);
    if ((await scanReportOwner(deps.sql, input.scanReportId)) !== member.id) return "not_yours_to_answer";
    if (input.mine) return "kept";
    await voidScanReport(deps.sql, input.scanReportId, "member said the sheet is not theirs");
    await membersChanged(deps, [member.id]);
    return "removed";
  };
}
