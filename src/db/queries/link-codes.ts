// /link codes and tries, and the one transaction that spends a code and joins two members.
import type { Sql } from "postgres";
import { mergeMembers } from "./people.ts";

export interface IdentityKey {
  platform: string;
  userId: string;
}

/**
 * Stores a new code (its hash) for the identity, valid until `expiresAt`; the identity's earlier open codes
 * stop working. False when the hash is taken (the caller draws another code).
 */
export async function issueLinkCode(
  sql: Sql,
  code: { hash: string; memberId: number; identity: IdentityKey; now: Date; expiresAt: Date },
): Promise<boolean> {
  const now = code.now.toISOString();
  return sql.begin(async (tx) => {
    // only the last hour counts for the limit: this identity's codes older than a day go
    await tx`delete from app.link_codes
             where platform = ${code.identity.platform} and platform_user_id = ${code.identity.userId}
               and created_at < ${now}::timestamptz - interval '1 day'`;
    await tx`update app.link_codes set expires_at = least(expires_at, ${now}::timestamptz)
             where platform = ${code.identity.platform} and platform_user_id = ${code.identity.userId}
               and used_at is null`;
    const rows = await tx`
      insert into app.link_codes (code_hash, member_id, platform, platform_user_id, created_at, expires_at)
      values (${code.hash}, ${code.memberId}, ${code.identity.platform}, ${code.identity.userId},
              ${now}::timestamptz, ${code.expiresAt.toISOString()}::timestamptz)
      on conflict (code_hash) do nothing returning 1`;
    return rows.length > 0;
  });
}

/** Codes issued to the person (any of their identities) since then. */
export async function codesIssuedSince(sql: Sql, memberId: number, since: Date): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from app.link_codes
    where member_id = ${memberId} and created_at > ${since.toISOString()}::timestamptz`;
  return row!.n;
}

/** `/link CODE` tries of the identity that found no open code, since then. */
export async function failedTriesSince(sql: Sql, identity: IdentityKey, since: Date): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from app.link_attempts
    where platform = ${identity.platform} and platform_user_id = ${identity.userId}
      and not succeeded and attempted_at > ${since.toISOString()}::timestamptz`;
  return row!.n;
}

export async function recordLinkTry(
  sql: Sql,
  identity: IdentityKey,
  now: Date,
  succeeded: boolean,
): Promise<void> {
  // only the last 10 minutes count: older tries of this identity are dropped as it goes
  await sql`delete from app.link_attempts
            where platform = ${identity.platform} and platform_user_id = ${identity.userId}
              and attempted_at < ${now.toISOString()}::timestamptz - interval '1 day'`;
  await sql`insert into app.link_attempts (platform, platform_user_id, attempted_at, succeeded)
            values (${identity.platform}, ${identity.userId}, ${now.toISOString()}::timestamptz, ${succeeded})`;
}

export type RedeemResult =
  | { kind: "linked"; keptMemberId: number; absorbedMemberId: number; codePlatform: string }
  /** no code with this hash */
  | { kind: "wrong" }
  /** the code was used, replaced or is older than its 10 minutes */
  | { kind: "expired" }
  /** the code is the redeemer's own person's */
  | { kind: "same_person" }
  /** both members already have an identity on this platform (one person has one account per platform) */
  | { kind: "platform_taken"; platform: string };

/**
 * Spends the code and joins the code's member and the redeemer's into the older of the two, in one
 * transaction: a code is spent once even when two tries race, and a crash leaves both members as they were.
 */
export async function redeemLinkCode(
  sql: Sql,
  input: { hash: string; redeemer: IdentityKey; now: Date },
): Promise<RedeemResult> {
  const now = input.now.toISOString();
  return sql.begin(async (tx): Promise<RedeemResult> => {
    const [code] = await tx<{ platform: string; userId: string; open: boolean }[]>`
      select platform, platform_user_id as "userId", used_at is null and expires_at > ${now}::timestamptz as open
      from app.link_codes where code_hash = ${input.hash} for update`;
    if (!code) return { kind: "wrong" };
    if (!code.open) return { kind: "expired" };
    const owners = await tx<{ id: number; platforms: string[] }[]>`
      select m.id::int, array(select i2.platform from app.identities i2 where i2.member_id = m.id) as platforms
      from app.members m
      where m.id in (
        select member_id from app.identities
        where (platform, platform_user_id) in ((${code.platform}, ${code.userId}), (${input.redeemer.platform}, ${input.redeemer.userId}))
      )
      order by m.created_at, m.id
      for update of m`;
    if (owners.length === 0) return { kind: "wrong" };
    if (owners.length === 1) return { kind: "same_person" };
    const older = owners[0]!;
    const newer = owners[1]!;
    const shared = older.platforms.find((p) => newer.platforms.includes(p));
    if (shared) return { kind: "platform_taken", platform: shared };
    await tx`update app.link_codes set used_at = ${now}::timestamptz where code_hash = ${input.hash}`;
    await mergeMembers(tx, older.id, newer.id);
    return {
      kind: "linked",
      keptMemberId: older.id,
      absorbedMemberId: newer.id,
      codePlatform: code.platform,
    };
  });
}
