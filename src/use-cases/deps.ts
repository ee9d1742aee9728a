// What every chat action is given, and how it finds the member and the group behind a chat.
import type { Sql } from "postgres";
import * as people from "../db/queries/people.ts";
import type { Logger } from "../log.ts";
import type { Actor, ChartRenderer, Clock, Place, PublishedPort } from "./ports.ts";

export interface ActionDeps {
  sql: Sql;
  log: Logger;
  charts: ChartRenderer;
  now: Clock;
  /** rebuilds these members' rows in silver and gold (and their groups' boards) */
  runPipeline(memberIds: number[]): Promise<unknown>;
  published: PublishedPort;
  /** the zone of groups that set none (challenges count days in the group's zone) */
  defaultTimeZone?: string;
}

/** The member behind a platform identity, created on first contact. */
export function memberOf(sql: Sql, actor: Actor): Promise<people.MemberRow> {
  return people.resolveMember(sql, actor);
}

/** The group a message was posted in; null in a private chat. */
export async function groupOf(
  deps: Pick<ActionDeps, "sql" | "now">,
  place: Place,
): Promise<people.GroupRow | null> {
  if (place.kind !== "group") return null;
  const chat = { platform: place.platform, chatId: place.chatId, title: place.title };
  return people.resolveGroup(deps.sql, chat, deps.now());
}

/** Today's date (UTC) by the clock, "YYYY-MM-DD". */
export function today(now: Clock): string {
  return now().toISOString().slice(0, 10);
}

/** Something other than a scan changed these members' rows (hidden, voided, forgotten): rebuild, then tell. */
export async function membersChanged(deps: ActionDeps, memberIds: number[]): Promise<void> {
  await deps.runPipeline(memberIds);
  await deps.published(memberIds);
}
