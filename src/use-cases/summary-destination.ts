// Where a group's weekly summary goes: the channel (Discord) or forum topic (Telegram) an admin chose with
// /settings, else the Discord channel scans were last posted in. Stored, so a restart changes nothing.

import type { GroupDestination } from "../db/queries/group-destinations.ts";
import * as destinations from "../db/queries/group-destinations.ts";
import { type ActionDeps, groupOf } from "./deps.ts";
import type { Place } from "./ports.ts";

export type { GroupDestination } from "../db/queries/group-destinations.ts";

/** `/settings channel #scans`, `/settings topic` (inside a topic); null goes back to the default place. */
export function chooseSummaryPlace(deps: ActionDeps) {
  return async (input: {
    place: Place;
    chosen: string | null;
  }): Promise<{ kind: "not_a_group" } | { kind: "chosen"; chosen: string | null }> => {
    const group = await groupOf(deps, input.place);
    if (!group) return { kind: "not_a_group" };
    await destinations.setChosenPlace(deps.sql, group.id, input.chosen);
    deps.log.info({ groupId: group.id, chosen: input.chosen !== null }, "summary place chosen");
    return { kind: "chosen", chosen: input.chosen };
  };
}

/** A scan was posted in this channel of the group (nothing happens for a group with no scan yet). */
export function rememberScanPlace(deps: Pick<ActionDeps, "sql">) {
  return async (input: { place: Place; channelId: string }): Promise<void> => {
    if (input.place.kind !== "group") return;
    await destinations.rememberScanPlace(deps.sql, input.place.platform, input.place.chatId, input.channelId);
  };
}

export function showSummaryPlace(deps: ActionDeps) {
  return async (input: { place: Place }): Promise<GroupDestination | null> => {
    const group = await groupOf(deps, input.place);
    return group ? destinations.destinationOf(deps.sql, group.id) : null;
  };
}

/** The places to try, best first; empty: the platform's default (the server's channels, the General topic). */
export function postingPlaces(destination: GroupDestination): string[] {
  return [destination.chosenPlace, destination.lastScanPlace].filter(
    (p, i, all): p is string => p !== null && all.indexOf(p) === i,
  );
}
