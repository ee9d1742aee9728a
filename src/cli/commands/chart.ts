import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { findGroupByTitle, findMemberByName } from "../../db/queries/people.ts";
import { leaderboardChartInput, loadLeaderboard } from "../../use-cases/get-leaderboard.ts";
import { loadProgress, progressChartInput, segmentChartInput } from "../../use-cases/get-progress.ts";
import {
  BOARD_PERIODS,
  type BoardMetric,
  type BoardPeriod,
  defaultBoardPeriod,
  PROGRESS_PERIODS,
  type ProgressPeriod,
  parseBoardMetric,
} from "../../use-cases/periods.ts";
import { CliUsageError, withReadOnlyCore } from "../core-context.ts";

/** Thrown inside withCore so the database is closed before the CLI exits 2 with the message. */
function fail(message: string): never {
  throw new CliUsageError(message);
}

export function registerChartCommands(program: Command): void {
  const chart = program.command("chart").description("render charts to PNG files without any chat");

  chart
    .command("progress")
    .description("a member's progress chart (or their segment balance with --segments)")
    .requiredOption("--member <name>", "member name as known to the bot")
    .option("--period <period>", `one of ${PROGRESS_PERIODS.join(", ")}`, "all")
    .option("--units <units>", "kg or lb (default: the member's preference)")
    .option("--segments", "draw the segment balance of the latest scan instead")
    .requiredOption("--out <file>", "PNG file to write")
    .action(
      async (options: {
        member: string;
        period: string;
        units?: string;
        segments?: boolean;
        out: string;
      }) => {
        if (!(PROGRESS_PERIODS as readonly string[]).includes(options.period))
          fail(`--period must be one of ${PROGRESS_PERIODS.join(", ")}`);
        if (options.units && options.units !== "kg" && options.units !== "lb")
          fail("--units must be kg or lb");
        await withReadOnlyCore(async (core) => {
          const member = await findMemberByName(core.sql, options.member);
          if (!member) fail(`no member named "${options.member}"`);
          const units = (options.units as "kg" | "lb" | undefined) ?? member.units;
          const today = core.now().toISOString().slice(0, 10);
          const view = await loadProgress(
            core.sql,
            { id: member.id, displayName: member.displayName, units },
            options.period as ProgressPeriod,
            today,
          );
          if (!view) fail(`${member.displayName} has no scans yet`);
          let png: Buffer;
          if (options.segments) {
            const input = await segmentChartInput(core.sql, view);
            if (!input) fail("the latest scan has no segment block");
            png = await core.charts.segments(input);
          } else {
            png = await core.charts.progress(progressChartInput(view));
          }
          await writeFile(options.out, png);
          console.log(`wrote ${options.out} (${view.history.length} scans)`);
        });
      },
    );

  chart
    .command("leaderboard")
    .description("a group's leaderboard chart")
    .requiredOption("--group <name>", "group title")
    .option(
      "--metric <metric>",
      "composite, fat_loss_pct, muscle_gain_pct, body_fat_pct_points or weight_loss_pct",
    )
    .option("--period <period>", `one of ${BOARD_PERIODS.join(", ")}`)
    .requiredOption("--out <file>", "PNG file to write")
    .action(async (options: { group: string; metric?: string; period?: string; out: string }) => {
      await withReadOnlyCore(async (core) => {
        const group = await findGroupByTitle(core.sql, options.group);
        if (!group) fail(`no group named "${options.group}"`);
        const metric = options.metric
          ? parseBoardMetric(options.metric)
          : (parseBoardMetric(group.leaderboardMetric) ?? "composite");
        if (!metric) fail(`unknown metric "${options.metric}"`);
        const period = (options.period ?? defaultBoardPeriod(group)) as BoardPeriod;
        if (!(BOARD_PERIODS as readonly string[]).includes(period))
          fail(`--period must be one of ${BOARD_PERIODS.join(", ")}`);
        const view = await loadLeaderboard(core.sql, group, metric as BoardMetric, period);
        if (view.rows.length === 0) fail("nobody is ranked yet (two scans per member are needed)");
        await writeFile(options.out, await core.charts.leaderboard(leaderboardChartInput(view)));
        console.log(`wrote ${options.out} (${view.rows.length} members)`);
      });
    });
}
