// Rescan reminders: a private nudge to members whose last scan is 28+ days old, during the day in their
// time zone (the zone of their first group, else the default), at most once per due period — the period is
// keyed by the scan that started it, so a new scan starts a new one.
//
//   claim (app.reminders_sent, committed) → post to the member's first reachable identity → mark
//
// "unreachable" (never opened a private chat with the bot, or blocks it) is not counted as reminded: the
// same period is tried again the next day (at most MAX_ATTEMPTS days), so a member who opens the chat later
// still hears it. A post that throws is marked failed and not retried (it may have gone through).
import type { Sql } from "postgres";
import { getMember } from "../db/queries/people.ts";
import * as summaries from "../db/queries/summaries.ts";
import { daysBetween } from "../domain/calendar.ts";
import type { Logger } from "../log.ts";
import type { Announcement, Notifier } from "../use-cases/notifier.ts";
import type { Clock } from "../use-cases/ports.ts";
import { RESCAN_AFTER_DAYS } from "../use-cases/weekly-summary.ts";
import { localParts } from "../use-cases/weekly-summary-schedule.ts";
import type { JobContext } from "./context.ts";
import { errorKind } from "./error-kind.ts";
import { postPrivately, reachableContacts } from "./private-post.ts";
import { scheduleTick } from "./tick.ts";

/** Local hours in which reminders go out: from 10:00, never in the evening or at night. */
export const REMINDER_HOURS = { from: "10:00", until: "20:00" } as const;
/** An unreachable member is tried again after this long (so once a day)… */
export const REMINDER_RETRY_AFTER_MS = 20 * 60 * 60_000;
/** …on at most this many days per due period. */
export const REMINDER_MAX_ATTEMPTS = 7;

export const REMINDER_QUEUE = "rescan-reminder-tick";

export interface ReminderDeps {
  sql: Sql;
  log: Logger;
  defaultTimeZone: string;
  notifiers: Notifier[];
  now: Clock;
}

export interface ReminderOutcome {
  memberId: number;
  result: "sent" | "unreachable" | "failed";
}

export function createRescanReminders(deps: ReminderDeps) {
  const { sql, log } = deps;

  async function remind(memberId: number, lastScanAt: string, days: number): Promise<ReminderOutcome | null> {
    const contacts = await reachableContacts(sql, deps.notifiers, memberId);
    if (!contacts) return null;
    const now = deps.now();
    const claimed = await summaries.claimReminder(
      sql,
      memberId,
      lastScanAt,
      now,
      new Date(now.getTime() - REMINDER_RETRY_AFTER_MS),
      REMINDER_MAX_ATTEMPTS,
    );
    if (!claimed) return null;
    const member = await getMember(sql, memberId);
    if (!member) return null;
    const message: Announcement = {
      kind: "rescan_reminder",
      name: member.displayName,
      daysSinceLastScan: days,
    };
    let result: ReminderOutcome["result"];
    try {
      result = await postPrivately(contacts, message);
    } catch (error) {
      result = "failed";
      log.error({ memberId, err: errorKind(error) }, "rescan reminder failed; not retried");
    }
    await summaries.markReminder(sql, memberId, lastScanAt, result, deps.now());
    if (result === "sent") log.info({ memberId }, "rescan reminder sent");
    else if (result === "unreachable")
      log.info({ memberId }, "rescan reminder: no private chat yet; try tomorrow");
    return { memberId, result };
  }

  async function tick(): Promise<ReminderOutcome[]> {
    const now = deps.now();
    const outcomes: ReminderOutcome[] = [];
    for (const candidate of await summaries.reminderCandidates(sql)) {
      try {
        const local = localParts(now, candidate.timeZone ?? deps.defaultTimeZone);
        if (local.time < REMINDER_HOURS.from || local.time >= REMINDER_HOURS.until) continue;
        const days = daysBetween(candidate.lastScanAt, `${local.date}T${local.time}`);
        if (days < RESCAN_AFTER_DAYS) continue;
        const outcome = await remind(candidate.memberId, candidate.lastScanAt, days);
        if (outcome) outcomes.push(outcome);
      } catch (error) {
        log.error({ memberId: candidate.memberId, err: errorKind(error) }, "rescan reminder check failed");
      }
    }
    return outcomes;
  }

  return { tick };
}

/** Job family: the reminder tick every 5 minutes (so 10:00 local is hit in every zone, :30 and :45 too). */
export async function rescanReminderJobs({ boss, core, notifiers }: JobContext): Promise<void> {
  const reminders = createRescanReminders({ ...core, notifiers });
  await scheduleTick(boss, REMINDER_QUEUE, "*/5 * * * *", reminders.tick);
}
