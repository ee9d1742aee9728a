// `pump demo`: a scripted conversation with the real bot on a stand-in Telegram, written as an HTML page.
import path from "node:path";
import type { Command } from "commander";

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "run the bot against a built-in stand-in Telegram: three members scan, ask /progress and /leaderboard, get the weekly summary; writes the conversation as an HTML page (no token, no network)",
    )
    .option("--out <dir>", "where to write index.html and its images", "pump-demo")
    .option("--data-dir <dir>", "keep the demo's embedded database here (default: a temporary folder)")
    .option(
      "--database-url <url>",
      "use this PostgreSQL ≥ 15 instead (a scratch database: the demo adds members)",
    )
    .action(async (options: { out: string; dataDir?: string; databaseUrl?: string }) => {
      const started = Date.now();
      // imported here: the demo brings the bot, the core and the fakes, which `pump --help` must not pay for
      const { runDemo } = await import("../demo/run-demo.ts");
      const result = await runDemo({
        outDir: options.out,
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
        say: (line) => console.log(line),
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `\n${result.messages} messages and ${result.images.length} charts in ${seconds} s → open ${path.resolve(result.page)}`,
      );
    });
}
