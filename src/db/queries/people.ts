// Members, their platform identities, groups and memberships.
import type { Sql, TransactionSql } from "postgres";

export interface IdentityInput {
  platform: string;
  userId: string;
  displayName: string;
  username?: string | null;
}

export interface ChatInput {
  platform: string;
  chatId: string;
  title: string;
}

export interface MemberRow {
  id: number;
  displayName: string;
  units: "kg" | "lb";
  remindersEnabled: boolean;
}

export interface GroupRow {
  id: number;
  platform: string;
  platformChatId: string;
  title: string;
  timeZone: string | null;
  leaderboardMetric: string;
  challengeStart: string | null;
  summaryEnabled: boolean;
  summaryWeekday: number;
  summaryTime: string;
}

const memberColumns = (sql: Sql | TransactionSql) =>
  sql`m.id::int as id, m.display_name as "displayName", m.units, m.reminders_enabled as "remindersEnabled"`;

const groupColumns = (sql: Sql) => sql`
  g.id::int as id, g.platform, g.platform_chat_id as "platformChatId", g.title, g.time_zone as "timeZone",
  g.leaderboard_metric as "leaderboardMetric", to_char(g.challenge_start, 'YYYY-MM-DD') as "challengeStart",
  g.summary_enabled as "summaryEnabled", g.summary_weekday as "summaryWeekday", g.summary_time as "summaryTime"`;

/** The member behind a platform identity, created on first contact; the name follows the platform. */
export async function resolveMember(sql: Sql, identity: IdentityInput): Promise<MemberRow> {
  return sql.begin(async (tx) => {
    const [existing] = await tx<{ memberId: number }[]>`
      update app.identities set display_name = ${identity.displayName}, username = ${identity.username ?? null}
      where platform = ${identity.platform} and platform_user_id = ${identity.userId}
      returning member_id::int as "memberId"`;
    let memberId = existing?.memberId;
    if (memberId === undefined) {
      const [created] = await tx<{ id: number }[]>`
        insert into app.members (display_name) values (${identity.displayName}) returning id::int`;
      const [inserted] = await tx<{ memberId: number }[]>`
        insert into app.identities (platform, platform_user_id, member_id, username, display_name)
        values (${identity.platform}, ${identity.userId}, ${created!.id}, ${identity.username ?? null}, ${identity.displayName})
        on conflict (platform, platform_user_id) do update set display_name = excluded.display_name
        returning member_id::int as "memberId"`;
      memberId = inserted!.memberId;
      if (memberId !== created!.id) await tx`delete from app.members where id = ${created!.id}`;
    } else {
      await tx`update app.members set display_name = ${identity.displayName} where id = ${memberId}`;
    }
    const [member] = await tx<
      MemberRow[]
    >`select ${memberColumns(tx)} from app.members m where m.id = ${memberId}`;
    return member!;
  });
}

export async function findMemberByIdentity(
  sql: Sql,
  platform: string,
  userId: string,
): Promise<MemberRow | null> {
  const [member] = await sql<MemberRow[]>`
    select ${memberColumns(sql)} from app.members m
    join app.identities i on i.member_id = m.id
    where i.platform = ${platform} and i.platform_user_id = ${userId}`;
  return member ?? null;
}

export async function findMemberByName(sql: Sql, name: string): Promise<MemberRow | null> {
  const [member] = await sql<MemberRow[]>`
    select ${memberColumns(sql)} from app.members m
    where lower(m.display_name) = lower(${name})
      and not exists (select 1 from app.member_merges mm where mm.merged_member_id = m.id)
    order by m.id limit 1`;
  return member ?? null;
}

export async function getMember(sql: Sql, memberId: number): Promise<MemberRow | null> {
  const [member] = await sql<
    MemberRow[]
  >`select ${memberColumns(sql)} from app.members m where m.id = ${memberId}`;
  return member ?? null;
}

/**
 * The group behind a chat, created the first time it is seen — at `seenAt` by the app's clock (a weekly
 * summary scheduled before that is not owed); the title follows the platform.
 */
export async function resolveGroup(sql: Sql, chat: ChatInput, seenAt: Date): Promise<GroupRow> {
  const [group] = await sql<GroupRow[]>`
    with upserted as (
      insert into app.groups (platform, platform_chat_id, title, created_at)
      values (${chat.platform}, ${chat.chatId}, ${chat.title}, ${seenAt.toISOString()}::timestamptz)
      on conflict (platform, platform_chat_id) do update set title = excluded.title
      returning *
    )
    select ${groupColumns(sql)} from upserted g`;
  return group!;
}

export async function findGroup(sql: Sql, platform: string, chatId: string): Promise<GroupRow | null> {
  const [group] = await sql<GroupRow[]>`
    select ${groupColumns(sql)} from app.groups g where g.platform = ${platform} and g.platform_chat_id = ${chatId}`;
  return group ?? null;
}

export async function findGroupByTitle(sql: Sql, title: string): Promise<GroupRow | null> {
  const [group] = await sql<GroupRow[]>`
    select ${groupColumns(sql)} from app.groups g where lower(g.title) = lower(${title}) order by g.id limit 1`;
  return group ?? null;
}

export async function getGroup(sql: Sql, groupId: number): Promise<GroupRow | null> {
  const [group] = await sql<
    GroupRow[]
  >`select ${groupColumns(sql)} from app.groups g where g.id = ${groupId}`;
  return group ?? null;
}

export async function listGroups(sql: Sql): Promise<GroupRow[]> {
  return sql<GroupRow[]>`select ${groupColumns(sql)} from app.groups g order by g.id`;
}

/**
 * Re-keys a group whose chat id changed. If the bot already saw the new id (a message raced the
 * migration), the old group's rows win and the empty newcomer is dropped.
 */
export async function moveGroupChat(
  sql: Sql,
  platform: string,
  fromChatId: string,
  toChatId: string,
): Promise<void> {
  await sql.begin(async (tx) => {
    const [old] = await tx<{ id: number }[]>`
      select id::int from app.groups where platform = ${platform} and platform_chat_id = ${fromChatId} for update`;
    if (!old) return;
    await tx`delete from app.groups g where platform = ${platform} and platform_chat_id = ${toChatId}
             and not exists (select 1 from app.memberships ms where ms.group_id = g.id)`;
    await tx`update app.groups set platform_chat_id = ${toChatId}
             where id = ${old.id}
               and not exists (select 1 from app.groups where platform = ${platform} and platform_chat_id = ${toChatId})`;
  });
}

/** Returns true when the member was not in the group before. */
export async function ensureMembership(sql: Sql, groupId: number, memberId: number): Promise<boolean> {
  const rows = await sql`
    insert into app.memberships (group_id, member_id) values (${groupId}, ${memberId})
    on conflict do nothing returning 1`;
  return rows.length > 0;
}

export async function setHidden(sql: Sql, groupId: number, memberId: number, hidden: boolean): Promise<void> {
  await sql`
    insert into app.memberships (group_id, member_id, hidden) values (${groupId}, ${memberId}, ${hidden})
    on conflict (group_id, member_id) do update set hidden = excluded.hidden`;
}

export async function memberIdsOfGroup(sql: Sql, groupId: number): Promise<number[]> {
  const rows = await sql<
    { id: number }[]
  >`select member_id::int as id from app.memberships where group_id = ${groupId}`;
  return rows.map((r) => r.id);
}

export async function setUnits(sql: Sql, memberId: number, units: "kg" | "lb"): Promise<void> {
  await sql`update app.members set units = ${units} where id = ${memberId}`;
}

export async function setReminders(sql: Sql, memberId: number, enabled: boolean): Promise<void> {
  await sql`update app.members set reminders_enabled = ${enabled} where id = ${memberId}`;
}

export async function markCanMessagePrivately(
  sql: Sql,
  platform: string,
  userId: string,
  can: boolean,
): Promise<void> {
  await sql`update app.identities set can_message_privately = ${can}
            where platform = ${platform} and platform_user_id = ${userId}`;
}

export interface PrivateContact {
  platform: string;
  userId: string;
  canMessagePrivately: boolean;
}

export async function contactsOfMember(sql: Sql, memberId: number): Promise<PrivateContact[]> {
  return sql<PrivateContact[]>`
    select platform, platform_user_id as "userId", can_message_privately as "canMessagePrivately"
    from app.identities where member_id = ${memberId} order by created_at`;
}

export type GroupSettingsPatch = Partial<
  Pick<
    GroupRow,
    "timeZone" | "leaderboardMetric" | "challengeStart" | "summaryEnabled" | "summaryWeekday" | "summaryTime"
  >
>;

export async function updateGroupSettings(
  sql: Sql,
  groupId: number,
  patch: GroupSettingsPatch,
): Promise<GroupRow> {
  const columns: Record<string, unknown> = {};
  if (patch.timeZone !== undefined) columns.time_zone = patch.timeZone;
  if (patch.leaderboardMetric !== undefined) columns.leaderboard_metric = patch.leaderboardMetric;
  if (patch.challengeStart !== undefined) columns.challenge_start = patch.challengeStart;
  if (patch.summaryEnabled !== undefined) columns.summary_enabled = patch.summaryEnabled;
  if (patch.summaryWeekday !== undefined) columns.summary_weekday = patch.summaryWeekday;
  if (patch.summaryTime !== undefined) columns.summary_time = patch.summaryTime;
  if (Object.keys(columns).length > 0) {
    await sql`update app.groups set ${sql(columns as Record<string, string>)} where id = ${groupId}`;
  }
  return (await getGroup(sql, groupId))!;
}

/** The member and the members merged into them by /link: whose bronze rows are this person's. */
export async function personMemberIds(sql: Sql | TransactionSql, memberId: number): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    select ${memberId}::int as id
    union all
    select merged_member_id::int from app.member_merges where into_member_id = ${memberId}`;
  return rows.map((r) => r.id);
}

/** The platforms a member is known on (one identity each once linked), oldest identity first. */
export async function platformsOfMember(sql: Sql | TransactionSql, memberId: number): Promise<string[]> {
  const rows = await sql<{ platform: string }[]>`
    select platform from app.identities where member_id = ${memberId} order by created_at, platform`;
  return rows.map((r) => r.platform);
}

/**
 * Joins member `absorb` into member `keep` (the older one) inside the caller's transaction: identities,
 * group memberships, goals and the rescan reminders already sent move to `keep`; where both have one, `keep`'s
 * wins (goals, units, reminders, visibility). Bronze is untouched: `member_merges` makes silver read
 * `absorb`'s reports as `keep`'s, and members merged into `absorb` earlier now point at `keep` too.
 */
export async function mergeMembers(tx: TransactionSql, keep: number, absorb: number): Promise<void> {
  await tx`update app.identities set member_id = ${keep} where member_id = ${absorb}`;
  await tx`
    insert into app.memberships (group_id, member_id, hidden, joined_at)
    select group_id, ${keep}, hidden, joined_at from app.memberships where member_id = ${absorb}
    on conflict (group_id, member_id) do update set joined_at = least(app.memberships.joined_at, excluded.joined_at)`;
  await tx`delete from app.memberships where member_id = ${absorb}`;
  await tx`
    insert into app.goals (member_id, metric, target, start_value, start_scan_id, set_at)
    select ${keep}, metric, target, start_value, start_scan_id, set_at from app.goals where member_id = ${absorb}
    on conflict (member_id, metric) do nothing`;
  await tx`delete from app.goals where member_id = ${absorb}`;
  await tx`
    insert into app.reminders_sent (member_id, last_scan_at, sent_at, status, attempts)
    select ${keep}, last_scan_at, sent_at, status, attempts from app.reminders_sent where member_id = ${absorb}
    on conflict (member_id, last_scan_at) do nothing`;
  await tx`update app.link_codes set member_id = ${keep} where member_id = ${absorb}`;
  await tx`update app.member_merges set into_member_id = ${keep} where into_member_id = ${absorb}`;
  await tx`insert into app.member_merges (merged_member_id, into_member_id) values (${absorb}, ${keep})`;
}

export interface SplitIdentity {
  /** the person the identity leaves, with their history */
  fromMemberId: number;
  /** the new member the identity is from now on */
  toMemberId: number;
  platform: string;
}

/**
 * /unlink: the identity leaves its person for a new member of its own, with the person's units and reminder
 * setting and the person's memberships in groups of the identity's platform. Its past scans stay with the
 * person; null when the identity is the person's only one (nothing to split).
 */
export async function splitIdentity(
  sql: Sql,
  platform: string,
  userId: string,
  now: Date,
): Promise<SplitIdentity | null> {
  return sql.begin(async (tx) => {
    const [identity] = await tx<{ memberId: number; displayName: string }[]>`
      select i.member_id::int as "memberId", i.display_name as "displayName"
      from app.identities i where i.platform = ${platform} and i.platform_user_id = ${userId}`;
    if (!identity) return null;
    const [person] = await tx<{ id: number; identities: number }[]>`
      select m.id::int, (select count(*)::int from app.identities i where i.member_id = m.id) as identities
      from app.members m where m.id = ${identity.memberId} for update`;
    if (!person || person.identities < 2) return null;
    const [created] = await tx<{ id: number }[]>`
      insert into app.members (display_name, units, reminders_enabled, created_at)
      select ${identity.displayName}, units, reminders_enabled, ${now.toISOString()}::timestamptz
      from app.members where id = ${person.id}
      returning id::int`;
    const toMemberId = created!.id;
    await tx`update app.identities set member_id = ${toMemberId}
             where platform = ${platform} and platform_user_id = ${userId}`;
    await tx`
      update app.memberships ms set member_id = ${toMemberId}
      from app.groups g
      where g.id = ms.group_id and g.platform = ${platform} and ms.member_id = ${person.id}`;
    await tx`update app.link_codes set expires_at = least(expires_at, ${now.toISOString()}::timestamptz)
             where platform = ${platform} and platform_user_id = ${userId} and used_at is null`;
    return { fromMemberId: person.id, toMemberId, platform };
  });
}

/**
 * Deletes the person and everything derived from them — every identity, membership, goal, /link code and
 * try, bronze row and raw file, also of the members merged into them by /link. Returns the member ids whose rows went.
 */
export async function deleteMember(
  sql: Sql,
  memberId: number,
): Promise<{ rawFiles: number; scans: number; memberIds: number[] }> {
  return sql.begin(async (tx) => {
    const ids = await personMemberIds(tx, memberId);
    const files = await tx<{ sha256: string }[]>`
      select distinct raw_sha256 as sha256 from bronze.scan_reports where member_id = any(${ids}::bigint[])`;
    const [scans] = await tx<{ n: number }[]>`
      select count(distinct scanned_at)::int as n from bronze.scan_reports
      where member_id = any(${ids}::bigint[]) and status = 'accepted'`;
    await tx`delete from bronze.scan_reports where member_id = any(${ids}::bigint[])`;
    const shas = files.map((f) => f.sha256);
    const deleted = await tx`
      delete from bronze.raw_files f where f.sha256 = any(${shas}::text[])
      and not exists (select 1 from bronze.scan_reports r where r.raw_sha256 = f.sha256) returning 1`;
    await tx`delete from app.link_attempts a using app.identities i
             where i.member_id = any(${ids}::bigint[]) and a.platform = i.platform and a.platform_user_id = i.platform_user_id`;
    await tx`delete from app.members where id = any(${ids}::bigint[])`;
    return { rawFiles: deleted.length, scans: scans!.n, memberIds: ids };
  });
}
