// A private message to a member through the first of their identities a running bot can reach (those known
// to accept private messages first). null: no bot here can reach them (leave it to an instance that can).
import type { Sql } from "postgres";
import { contactsOfMember } from "../db/queries/people.ts";
import type { Announcement, Notifier } from "../use-cases/notifier.ts";

export type PrivateContacts = { userId: string; notifier: Notifier }[];

export async function reachableContacts(
  sql: Sql,
  notifiers: Notifier[],
  memberId: number,
): Promise<PrivateContacts | null> {
  const contacts = (await contactsOfMember(sql, memberId))
    .map((c) => ({ ...c, notifier: notifiers.find((n) => n.platform === c.platform) }))
    .filter((c): c is typeof c & { notifier: Notifier } => Boolean(c.notifier))
    .sort((a, b) => Number(b.canMessagePrivately) - Number(a.canMessagePrivately));
  return contacts.length === 0 ? null : contacts;
}

/** "sent" at the first identity that takes it, else "unreachable"; a post that throws propagates. */
export async function postPrivately(
  contacts: PrivateContacts,
  message: Announcement,
): Promise<"sent" | "unreachable"> {
  for (const contact of contacts) {
    if ((await contact.notifier.postToUser(contact.userId, message)) === "sent") return "sent";
  }
  return "unreachable";
}
