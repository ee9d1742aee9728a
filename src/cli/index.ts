import { Command, CommanderError } from "commander";
import { connectionLostReason, isDriverWriteAfterLoss } from "../db/connection-lost.ts";
import { CliUsageError } from "./usage-error.ts";

type Register = (program: Command) => void;

/**
 * Every command module and the command names it registers. Only the module of the command being run is
 * imported (a database, pdf.js, discord.js… cost hundreds of milliseconds each); `pump --help` and an
 * unknown name import them all, which stays cheap because their heavy imports happen inside the actions.
 */
const COMMAND_MODULES: { names: string[]; load: () => Promise<Register> }[] = [
  { names: ["doctor"], load: async () => (await import("./commands/doctor.ts")).registerDoctorCommand },
  { names: ["db:migrate"], load: async () => (await import("./commands/db.ts")).registerDbCommands },
  {
    names: ["discord:deploy"],
    load: async () => (await import("./commands/discord-deploy.ts")).registerDiscordDeployCommand,
  },
  { names: ["parse"], load: async () => (await import("./commands/parse.ts")).registerParseCommand },
  { names: ["ingest"], load: async () => (await import("./commands/ingest.ts")).registerIngestCommand },
  {
    names: ["transform", "reprocess"],
    load: async () => (await import("./commands/transform.ts")).registerTransformCommands,
  },
  { names: ["chart"], load: async () => (await import("./commands/chart.ts")).registerChartCommands },
  {
    names: ["sheets:status", "sheets:resync"],
    load: async () => (await import("./commands/sheets.ts")).registerSheetsCommands,
  },
  { names: ["summary"], load: async () => (await import("./commands/summary.ts")).registerSummaryCommand },
  { names: ["layout"], load: async () => (await import("./commands/layout.ts")).registerLayoutCommand },
  { names: ["demo"], load: async () => (await import("./commands/demo.ts")).registerDemoCommand },
];

const LOST = (reason: string) =>
  `error: the database connection was lost (${reason}); nothing half-written was kept — run the command again`;

process.on("uncaughtException", (error) => {
  console.error(isDriverWriteAfterLoss(error) ? LOST("socket closed") : error);
  process.exit(1);
});

const program = new Command()
  .name("pump")
  .description("Ronald Pump: Evolt 360 scans → a shared, honest record of progress")
  .showHelpAfterError()
  .exitOverride();

const named = process.argv[2];
const wanted = COMMAND_MODULES.filter((module) => named !== undefined && module.names.includes(named));
for (const module of wanted.length > 0 ? wanted : COMMAND_MODULES) (await module.load())(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof CliUsageError) {
    console.error(`error: ${error.message}`);
    process.exit(2);
  }
  // config.ts (and zod with it) is not imported here: its error is known by name
  if (error instanceof Error && error.name === "ConfigError") {
    console.error(`configuration error: ${error.message}`);
    process.exit(1);
  }
  // every write is one statement or one transaction: a lost connection leaves nothing half-written
  const lost = connectionLostReason(error);
  if (lost) {
    console.error(LOST(lost));
    process.exit(1);
  }
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
