import { Command, CommanderError } from "commander";
import { ConfigError } from "../config.ts";
import { registerChartCommands } from "./commands/chart.ts";
import { registerDbCommands } from "./commands/db.ts";
import { registerDemoCommand } from "./commands/demo.ts";
import { registerDiscordDeployCommand } from "./commands/discord-deploy.ts";
import { registerDoctorCommand } from "./commands/doctor.ts";
import { registerIngestCommand } from "./commands/ingest.ts";
import { registerLayoutCommand } from "./commands/layout.ts";
import { registerParseCommand } from "./commands/parse.ts";
import { registerSheetsCommands } from "./commands/sheets.ts";
import { registerSummaryCommand } from "./commands/summary.ts";
import { registerTransformCommands } from "./commands/transform.ts";
import { CliUsageError } from "./core-context.ts";

const program = new Command()
  .name("pump")
  .description("Ronald Pump: Evolt 360 scans → a shared, honest record of progress")
  .showHelpAfterError()
  .exitOverride();

registerDoctorCommand(program);
registerDbCommands(program);
registerDiscordDeployCommand(program);
registerParseCommand(program);
registerLayoutCommand(program);
registerIngestCommand(program);
registerTransformCommands(program);
registerChartCommands(program);
registerSheetsCommands(program);
registerSummaryCommand(program);
registerDemoCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof CliUsageError) {
    console.error(`error: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
    process.exit(1);
  }
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
