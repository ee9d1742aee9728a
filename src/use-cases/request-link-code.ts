// /link without a code: a one-time code for joining this account to the same person's account on the other
// platform. Valid 10 minutes, once; at most 5 per person an hour. Only its hash is stored.
import { createHash, randomInt } from "node:crypto";
import { codesIssuedSince, issueLinkCode } from "../db/queries/link-codes.ts";
import { formatLinkCode, LINK_CODE_ALPHABET, LINK_CODE_LENGTH } from "../domain/link-code.ts";
import { type ActionDeps, memberOf } from "./deps.ts";
import type { Actor } from "./ports.ts";

export const LINK_CODE_MINUTES = 10;
export const LINK_CODES_PER_HOUR = 5;

export type LinkCodeResult =
  | { kind: "code"; code: string; validMinutes: number }
  | { kind: "too_many_codes"; perHour: number };

export function linkCodeHash(code: string): string {
  return createHash("sha256").update(`pump-link:${code}`).digest("hex");
}

function drawCode(): string {
  let code = "";
  for (let i = 0; i < LINK_CODE_LENGTH; i++) code += LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)];
  return code;
}

export function requestLinkCode(deps: ActionDeps) {
  return async (input: { actor: Actor }): Promise<LinkCodeResult> => {
    const member = await memberOf(deps.sql, input.actor);
    const now = deps.now();
    const hourAgo = new Date(now.getTime() - 60 * 60_000);
    if ((await codesIssuedSince(deps.sql, member.id, hourAgo)) >= LINK_CODES_PER_HOUR)
      return { kind: "too_many_codes", perHour: LINK_CODES_PER_HOUR };
    const expiresAt = new Date(now.getTime() + LINK_CODE_MINUTES * 60_000);
    const identity = { platform: input.actor.platform, userId: input.actor.userId };
    for (;;) {
      const code = drawCode();
      const stored = await issueLinkCode(deps.sql, {
        hash: linkCodeHash(code),
        memberId: member.id,
        identity,
        now,
        expiresAt,
      });
      if (stored) {
        deps.log.info({ memberId: member.id, platform: identity.platform }, "link code issued");
        return { kind: "code", code: formatLinkCode(code), validMinutes: LINK_CODE_MINUTES };
      }
    }
  };
}
