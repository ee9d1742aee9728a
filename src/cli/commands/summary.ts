// `pump summary --group NAME`: shows a group's weekly summary as the bot would post it (plain text) and
// writes its image. It never posts and never marks a week as sent: posting happens in the running bot.
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { weeklySummaryText } from "../../../bot/replies/announcements.ts";
import { plainText } from "../../../bot/replies/markup.ts";
import { findGroupByTitle } from "../../db/queries/people.ts";
import { summaryRecord } from "../../db/queries/summaries.ts";
import { buildWeeklySummary, scheduleOf, weeklySummaryChartInput } from "../../use-cases/weekly-summary.ts";
import { latestOccurrence, occurrenceOn } from "../../use-cases/weekly-summary-schedule.ts";
import { withReadOnlyCore } from "../core-context.ts";

interface SummaryOptions {
  group: string;
  dryRun?: boolean;
  out?: string;
  week?: string;
}

const fileSafe = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "group";

export function registerSummaryCommand(program: Command): void {
  program
    .command("summary")
    .description(
      "print a group's weekly summary (plain text) and write its image; posting happens in the running bot, never here",
    )
    .requiredOption("--group <name>", "group title, as shown in the chat")
    .option("--out <file>", "where to write the image (default ./summary-<group>.png)")
    .option(
      "--week <date>",
      "the local date (YYYY-MM-DD) the summary is for; default the latest scheduled time up to now",
    )
    .option("--dry-run", "accepted for clarity: this command never posts or marks a week as sent")
    .addHelpText(
      "after",
      "\nThe bot posts each group's summary itself at the group's day and time (see /settings);\nthis command only shows what it says, and whether this week's was posted.",
    )
    .action(async (options: SummaryOptions) => {
      await withReadOnlyCore(async (core) => {
        const group = await findGroupByTitle(core.sql, options.group);
        if (!group) throw new Error(`no group called "${options.group}"`);
        const schedule = scheduleOf(group, core.config.defaultTimeZone);
        if (options.week && !/^\d{4}-\d{2}-\d{2}$/.test(options.week)) {
          throw new Error("--week takes a date like 2026-03-09");
        }
        const occurrence = options.week
          ? occurrenceOn(options.week, schedule)
          : latestOccurrence(core.now(), schedule);
        const summary = await buildWeeklySummary(core.sql, group, occurrence, core.boardAsOf);
        console.log(weeklySummaryText(summary, plainText));

        const out = options.out ?? `./summary-${fileSafe(group.title)}.png`;
        if (summary.quiet) {
          console.error("quiet week: the bot posts the short nudge without an image; none written");
        } else {
          await writeFile(out, await core.charts.weeklySummary(weeklySummaryChartInput(summary)));
          console.error(`image written to ${out}`);
        }
        const record = await summaryRecord(core.sql, group.id, occurrence.weekStart);
        const state = record
          ? `${record.status}${record.late ? " (late)" : ""} at ${record.sentAt.toISOString()}${record.error ? `: ${record.error}` : ""}`
          : group.summaryEnabled
            ? "not posted yet"
            : "not posted (summaries are off for this group)";
        console.error(`week of ${occurrence.weekStart} (${schedule.timeZone}): ${state}`);
      });
    });
}
