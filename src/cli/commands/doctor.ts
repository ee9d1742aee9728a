import type { Command } from "commander";

export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description("print the effective configuration (secrets masked) and check the database")
    .action(async () => {
      const [{ cliContext }, { describeConfig }, { openDatabase }, { databaseHealth }] = await Promise.all([
        import("../context.ts"),
        import("../describe-config.ts"),
        import("../../db/client.ts"),
        import("../../db/queries/health.ts"),
      ]);
      const { config, log } = cliContext();
      for (const [key, value] of Object.entries(describeConfig(config)))
        console.log(`${key.padEnd(10)} ${value}`);
      try {
        const database = await openDatabase(config, log);
        const health = await databaseHealth(database.sql);
        console.log(
          `${"db check".padEnd(10)} ok — PostgreSQL ${health.version}, ${health.members} members, ${health.acceptedScans} accepted scans`,
        );
        await database.close();
      } catch (error) {
        console.log(
          `${"db check".padEnd(10)} FAILED — ${error instanceof Error ? error.message : String(error)}`,
        );
        process.exitCode = 1;
      }
    });
}
