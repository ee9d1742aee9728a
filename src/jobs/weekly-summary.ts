// Weekly summaries: a pg-boss cron ticks every minute (pg-boss makes each cron minute one job across all
// instances; the "stately" queue keeps at most one tick running and one waiting). Each tick looks at every
// group with summaries on whose platform this process can post to, finds the latest scheduled local time at
// or before now, and — if that week has no row in app.summaries_sent — builds the summary, claims the week
// and posts. See docs/summaries.md for the once-only rules and what happens on a crash at each step.
//
//   build (read-only) → claim (INSERT … ON CONFLICT DO NOTHING, committed) → post → mark sent/failed
//
// At most once: the claim is committed before the post, so nothing (restart, retry, second instance) ever
// posts the same week twice. A crash between claim and mark leaves the row at "claimed" (later: "failed",
// logged): that week's summary is then missing rather than doubled — visible, and never a second post.
import type { Sql } from "postgres";
import { destinationOf } from "../db/queries/group-destinations.ts";
import { listGroups } from "../db/queries/people.ts";
import * as summaries from "../db/queries/summaries.ts";
import type { Logger } from "../log.ts";
import type { Announcement, Notifier } from "../use-cases/notifier.ts";
import type { ChartRenderer, Clock } from "../use-cases/ports.ts";
import { postingPlaces } from "../use-cases/summary-destination.ts";
import {
  buildWeeklySummary,
  scheduleOf,
  type WeeklySummary,
  weeklySummaryChartInput,
} from "../use-cases/weekly-summary.ts";
import { latestOccurrence } from "../use-cases/weekly-summary-schedule.ts";
import type { JobContext } from "./context.ts";
import { errorKind } from "./error-kind.ts";
import { scheduleTick } from "./tick.ts";

/** Posted more than this after the scheduled time: the text says it is late. */
export const LATE_AFTER_MS = 15 * 60_000;
/** More than this late (the bot was down for over a day): skipped, next week's comes as usual. */
export const SKIP_AFTER_MS = 24 * 60 * 60_000;
/** A claim still "claimed" after this long: the process died while posting. */
export const STALE_CLAIM_MS = 30 * 60_000;

export const SUMMARY_QUEUE = "weekly-summary-tick";

export interface SummarySchedulerDeps {
  sql: Sql;
  log: Logger;
  charts: ChartRenderer;
  defaultTimeZone: string;
  notifiers: Notifier[];
  now: Clock;
}

export type SummaryResult =
  | "sent"
  | "unreachable"
  | "failed"
  /** another instance or an earlier tick has this week */
  | "taken"
  /** more than a day late */
  | "skipped_late"
  /** no visible members */
  | "nothing_to_say";

export interface SummaryOutcome {
  groupId: number;
  weekStart: string;
  result: SummaryResult;
  late: boolean;
}

export function createWeeklySummaries(deps: SummarySchedulerDeps) {
  const { sql, log } = deps;
  const notifierFor = (platform: string) => deps.notifiers.find((n) => n.platform === platform);
  const reportedSkips = new Set<string>();

  async function announcement(summary: WeeklySummary, late: boolean): Promise<Announcement> {
    let chart: Buffer | null = null;
    if (!summary.quiet) {
      try {
        chart = await deps.charts.weeklySummary(weeklySummaryChartInput(summary));
      } catch (error) {
        log.error(
          { groupId: summary.groupId, err: errorKind(error) },
          "weekly summary chart failed; text only",
        );
      }
    }
    return { kind: "weekly_summary", summary, late, chart };
  }

  /** One pass over the groups; safe to run any number of times, from any number of instances. */
  async function tick(): Promise<SummaryOutcome[]> {
    const now = deps.now();
    for (const stale of await summaries.staleSummaryClaims(sql, new Date(now.getTime() - STALE_CLAIM_MS))) {
      log.warn(stale, "weekly summary was interrupted while posting; not retried (it may have been posted)");
    }
    const groups = (await listGroups(sql)).filter((g) => g.summaryEnabled && notifierFor(g.platform));
    if (groups.length === 0) return [];
    const createdAt = await summaries.groupsCreatedAt(sql);
    const due = groups.flatMap((group) => {
      try {
        const occurrence = latestOccurrence(now, scheduleOf(group, deps.defaultTimeZone));
        // a group that joined after its slot this week is not owed this week's summary
        const since = createdAt.get(group.id);
        return since && occurrence.at < since ? [] : [{ group, occurrence }];
      } catch (error) {
        log.error({ groupId: group.id, err: errorKind(error) }, "cannot work out the group's summary time");
        return [];
      }
    });
    const claimed = await summaries.claimedWeeks(
      sql,
      due.map((d) => d.group.id),
      [...new Set(due.map((d) => d.occurrence.weekStart))],
    );

    const outcomes: SummaryOutcome[] = [];
    for (const { group, occurrence } of due) {
      const key = `${group.id}/${occurrence.weekStart}`;
      if (claimed.has(key)) continue;
      const lateBy = now.getTime() - occurrence.at.getTime();
      const late = lateBy > LATE_AFTER_MS;
      const outcome = (result: SummaryResult): SummaryOutcome => ({
        groupId: group.id,
        weekStart: occurrence.weekStart,
        result,
        late,
      });
      if (lateBy > SKIP_AFTER_MS) {
        if (!reportedSkips.has(key)) {
          reportedSkips.add(key);
          log.warn(
            { groupId: group.id, weekStart: occurrence.weekStart },
            "weekly summary over a day late; skipped",
          );
        }
        outcomes.push(outcome("skipped_late"));
        continue;
      }
      try {
        const summary = await buildWeeklySummary(sql, group, occurrence);
        if (summary.visibleMembers === 0) {
          outcomes.push(outcome("nothing_to_say"));
          continue;
        }
        const outgoing = await announcement(summary, late);
        const places = postingPlaces(await destinationOf(sql, group.id));
        const won = await summaries.claimSummary(
          sql,
          {
            groupId: group.id,
            weekStart: occurrence.weekStart,
            scheduledFor: occurrence.at,
            late,
            ranks: summary.board?.shown ?? null,
          },
          deps.now(),
        );
        if (!won) {
          outcomes.push(outcome("taken"));
          continue;
        }
        let result: "sent" | "unreachable" | "failed";
        let error: string | null = null;
        try {
          result = await notifierFor(group.platform)!.postToGroup(group.platformChatId, outgoing, places);
        } catch (postError) {
          // not retried: the platform may have accepted the post before the error reached us
          result = "failed";
          error = errorKind(postError);
        }
        await summaries.markSummary(sql, group.id, occurrence.weekStart, result, deps.now(), error);
        const fields = { groupId: group.id, weekStart: occurrence.weekStart, late, quiet: summary.quiet };
        if (result === "sent") log.info(fields, "weekly summary posted");
        else if (result === "unreachable")
          log.warn(fields, "weekly summary: the bot cannot post in this group");
        else log.error({ ...fields, err: error }, "weekly summary post failed; not retried");
        outcomes.push(outcome(result));
      } catch (error) {
        // before the claim nothing was posted: the next tick tries again
        log.error({ groupId: group.id, err: errorKind(error) }, "weekly summary could not be prepared");
      }
    }
    return outcomes;
  }

  return { tick };
}

/** Job family: the summary tick every minute. */
export async function weeklySummaryJobs({ boss, core, notifiers }: JobContext): Promise<void> {
  const summaries = createWeeklySummaries({ ...core, notifiers });
  await scheduleTick(boss, SUMMARY_QUEUE, "* * * * *", summaries.tick);
}
