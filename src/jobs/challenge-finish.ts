// Challenges over time: a tick every minute (like the weekly summary's) that, per running challenge whose
// group this process can post to, in the group's own time zone:
//   - ends it when its last day is over (an admin's `/challenge end` ends it at once);
//   - in the entry window's last 3 days, tells entrants without a baseline scan, privately, once;
//   - in the last week, nudges entrants who still need their final scan, privately, once;
// and, per ended challenge not finished yet, posts the finish:
//   build (read-only) → claim (app.challenges.finish_status, committed) → post podium → mark →
//   each entrant's own result privately (app.challenge_notices claims) → the Sheet follows.
// At most once, like the weekly summary: the claim is committed before the post, so a second instance, a
// retry or a restart never posts it again; a crash between claim and mark leaves "claimed" (not reposted).
import type { Sql } from "postgres";
import * as challenges from "../db/queries/challenges.ts";
import { type GroupRow, getGroup } from "../db/queries/people.ts";
import { addDays } from "../domain/calendar.ts";
import type { Logger } from "../log.ts";
import {
  type ChallengeView,
  groupTimeZone,
  loadChallengeView,
  localToday,
  podiumChartInput,
} from "../use-cases/challenge-view.ts";
import type { Announcement, Notifier } from "../use-cases/notifier.ts";
import type { ChartRenderer, Clock, PublishedPort } from "../use-cases/ports.ts";
import { localParts } from "../use-cases/weekly-summary-schedule.ts";
import type { JobContext } from "./context.ts";
import { errorKind } from "./error-kind.ts";
import { postPrivately, reachableContacts } from "./private-post.ts";
import { REMINDER_HOURS } from "./reminders.ts";
import { scheduleTick } from "./tick.ts";

export const CHALLENGE_QUEUE = "challenge-tick";
/** the no-baseline warning goes out in the entry window's last days */
export const NO_BASELINE_WARNING_DAYS = 3;
/** the final-scan nudge goes out this many days before the last day */
export const FINAL_NUDGE_DAYS = 7;

export interface ChallengeJobDeps {
  sql: Sql;
  log: Logger;
  charts: ChartRenderer;
  defaultTimeZone: string;
  notifiers: Notifier[];
  now: Clock;
  runPipeline(memberIds: number[]): Promise<unknown>;
  published?: PublishedPort;
}

export interface ChallengeTickOutcome {
  challengeId: number;
  /** what happened to it in this tick */
  events: string[];
}

export function createChallengeJobs(deps: ChallengeJobDeps) {
  const { sql, log } = deps;
  const notifierFor = (platform: string) => deps.notifiers.find((n) => n.platform === platform);

  async function notify(
    view: ChallengeView,
    memberId: number,
    kind: challenges.NoticeKind,
    message: Announcement,
  ): Promise<string | null> {
    const contacts = await reachableContacts(sql, deps.notifiers, memberId);
    if (!contacts) return null;
    if (!(await challenges.claimNotice(sql, view.id, memberId, kind, deps.now()))) return null;
    let result: "sent" | "unreachable" | "failed";
    try {
      result = await postPrivately(contacts, message);
    } catch (error) {
      result = "failed";
      log.error({ challengeId: view.id, memberId, kind, err: errorKind(error) }, "challenge notice failed");
    }
    await challenges.markNotice(sql, view.id, memberId, kind, result);
    return `${kind}:${memberId}:${result}`;
  }

  async function remindEntrants(challenge: challenges.ChallengeRow, group: GroupRow): Promise<string[]> {
    const now = deps.now();
    const local = localParts(now, groupTimeZone(group, deps.defaultTimeZone));
    if (local.time < REMINDER_HOURS.from || local.time >= REMINDER_HOURS.until) return [];
    const view = await loadChallengeView(sql, challenge, group, now, deps.defaultTimeZone);
    if (!view.started) return [];
    const events: string[] = [];
    if (view.entryDaysLeft !== null && view.entryDaysLeft < NO_BASELINE_WARNING_DAYS) {
      for (const row of view.rows.filter((r) => r.standing === "no_baseline")) {
        const event = await notify(view, row.memberId, "no_baseline", {
          kind: "challenge_no_baseline",
          view,
          name: row.name,
        });
        if (event) events.push(event);
      }
    }
    if (view.daysLeft !== null && view.daysLeft < FINAL_NUDGE_DAYS) {
      const lastScans = await challenges.lastScanOfEntrants(sql, challenge.id);
      const finalWeekFrom = addDays(view.lastDay, -(FINAL_NUDGE_DAYS - 1));
      for (const row of view.rows.filter((r) => r.standing !== "no_baseline")) {
        const last = lastScans.get(row.memberId);
        if (last && last.slice(0, 10) >= finalWeekFrom) continue;
        const event = await notify(view, row.memberId, "final_nudge", {
          kind: "challenge_final_nudge",
          view,
          name: row.name,
        });
        if (event) events.push(event);
      }
    }
    return events;
  }

  async function finish(challenge: challenges.ChallengeRow, group: GroupRow): Promise<string[]> {
    const view = await loadChallengeView(sql, challenge, group, deps.now(), deps.defaultTimeZone);
    let chart: Buffer | null = null;
    if (view.rows.some((r) => r.standing === "ranked")) {
      try {
        chart = await deps.charts.challengePodium(podiumChartInput(view));
      } catch (error) {
        log.error({ challengeId: challenge.id, err: errorKind(error) }, "podium chart failed; text only");
      }
    }
    if (!(await challenges.claimFinish(sql, challenge.id, deps.now()))) return ["taken"];
    let result: "sent" | "unreachable" | "failed";
    try {
      result = await notifierFor(group.platform)!.postToGroup(group.platformChatId, {
        kind: "challenge_final",
        view,
        chart,
      });
    } catch (error) {
      // not retried: the platform may have accepted the post before the error reached us
      result = "failed";
      log.error({ challengeId: challenge.id, err: errorKind(error) }, "challenge finish post failed");
    }
    await challenges.markFinish(sql, challenge.id, result, deps.now());
    log.info({ challengeId: challenge.id, groupId: group.id, result }, "challenge finish");
    const events = [`finish:${result}`];
    for (const row of view.rows) {
      const event = await notify(view, row.memberId, "result", { kind: "challenge_result", view, row });
      if (event) events.push(event);
    }
    await deps.published?.(view.rows.map((r) => r.memberId));
    return events;
  }

  /** One pass; safe to run any number of times, from any number of instances. */
  async function tick(): Promise<ChallengeTickOutcome[]> {
    const outcomes: ChallengeTickOutcome[] = [];
    const groupOf = async (c: challenges.ChallengeRow) => {
      const group = await getGroup(sql, c.groupId);
      return group && notifierFor(group.platform) ? group : null;
    };
    for (const challenge of await challenges.runningChallenges(sql)) {
      try {
        const group = await groupOf(challenge);
        if (!group) continue;
        const today = localToday(deps.now(), group, deps.defaultTimeZone);
        if (today >= challenge.endsOn) {
          if (await challenges.stopChallenge(sql, challenge.id, "ended", null)) {
            // the Challenge tab holds ended challenges only: rebuild the group's rows before the finish
            await deps.runPipeline(await challenges.entrantIds(sql, challenge.id));
            outcomes.push({ challengeId: challenge.id, events: ["ended"] });
          }
          continue;
        }
        const events = await remindEntrants(challenge, group);
        if (events.length > 0) outcomes.push({ challengeId: challenge.id, events });
      } catch (error) {
        log.error({ challengeId: challenge.id, err: errorKind(error) }, "challenge check failed");
      }
    }
    for (const challenge of await challenges.unfinishedChallenges(sql)) {
      try {
        const group = await groupOf(challenge);
        if (!group) continue;
        outcomes.push({ challengeId: challenge.id, events: await finish(challenge, group) });
      } catch (error) {
        // before the claim nothing was posted: the next tick tries again
        log.error(
          { challengeId: challenge.id, err: errorKind(error) },
          "challenge finish could not be prepared",
        );
      }
    }
    return outcomes;
  }

  return { tick };
}

/** Job family: the challenge tick every minute. */
export async function challengeJobs({ boss, core, notifiers }: JobContext): Promise<void> {
  const jobs = createChallengeJobs({ ...core, notifiers });
  await scheduleTick(boss, CHALLENGE_QUEUE, "* * * * *", jobs.tick);
}
