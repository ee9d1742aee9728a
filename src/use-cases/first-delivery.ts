// Platforms redeliver an update they think was lost (a crash, a webhook timeout, several instances):
// each update is handled once.
import { firstDelivery as recordDelivery } from "../db/queries/updates.ts";
import type { ActionDeps } from "./deps.ts";

/** True the first time a platform update is seen; false for a redelivery (skip it). */
export function firstDelivery(deps: ActionDeps) {
  return (platform: string, updateKey: string): Promise<boolean> =>
    recordDelivery(deps.sql, platform, updateKey);
}
