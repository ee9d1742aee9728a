import type { Command } from "commander";
import { withCore } from "../core-context.ts";

export function registerTransformCommands(program: Command): void {
  program
    .command("transform")
    .description("run the SQL models (silver, gold) and their tests")
    .option("--full-refresh", "rebuild silver and gold from bronze")
    .action(async (options: { fullRefresh?: boolean }) => {
      await withCore(async (core) => {
        const report = await core.runPipeline([], options.fullRefresh ?? false);
        console.log(
          `${report.mode} run: ${report.models.length} models, ${report.tests} SQL tests passed in ${report.ms.toFixed(0)} ms`,
        );
      });
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
