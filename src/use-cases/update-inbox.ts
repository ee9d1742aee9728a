// Updates a platform counts as delivered once they are fetched (Telegram long polling): kept before that
// happens, so an update whose process died before it was done is still here for the next process; and the
// ones to resume — never started, or their handler's lease ran out. handleUpdateOnce arbitrates who handles.
import type { JSONValue } from "postgres";
import { keepUpdates, updatesToResume } from "../db/queries/updates.ts";
import type { ActionDeps } from "./deps.ts";

export interface KeptUpdate {
  updateKey: string;
  payload: JSONValue;
}

export function updateInbox(deps: Pick<ActionDeps, "sql">) {
  return {
    keep: (platform: string, updates: KeptUpdate[]): Promise<void> =>
      keepUpdates(deps.sql, platform, updates),
    /**
     * This bot's kept updates not done, oldest first: all of them (at start, so a member's backlog keeps its
     * order behind an update a dead process still holds), or only those nobody is handling.
     */
    toResume: (
      platform: string,
      keyPrefix: string,
      options: { all: boolean; limit: number },
    ): Promise<KeptUpdate[]> => updatesToResume(deps.sql, platform, keyPrefix, options),
  };
}
