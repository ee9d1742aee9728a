import type { Command } from "commander";
import { withCore } from "../core-context.ts";

export function registerTransformCommands(program: Command): void {
  program
    .command("transform")
    .description("run the SQL models (silver, gold) and their tests")
    .option(
      "--full-refresh",
      "rebuild silver and gold from bronze, beside the live tables (waits for one already running)",
    )
    .action(async (options: { fullRefresh?: boolean }) => {
      await withCore(
        async (core) => {
          const report = await core.runPipeline([], options.fullRefresh ?? false);
          console.log(
            report.joined
              ? `a full refresh was already running; waited for it (${report.ms.toFixed(0)} ms)`
              : `${report.mode} run: ${report.models.length} models, ${report.tests} SQL tests passed in ${report.ms.toFixed(0)} ms`,
          );
        },
        // a full refresh asked for is the only one: no start-up catch-up before it
        { skipCatchUp: options.fullRefresh ?? false },
      );
    });

  program
    .command("reprocess")
    .description("re-read every stored raw file with the current parser, then rebuild the models")
    .action(async () => {
      await withCore(async (core) => {
        const report = await core.reprocess();
        const rejected = Object.entries(report.rejected)
          .map(([code, n]) => `${code}: ${n}`)
          .join(", ");
        console.log(
          `${report.files} files: ${report.accepted} re-read, ${report.unchanged} already current${rejected ? `, rejected (${rejected})` : ""}`,
        );
      });
    });
}
