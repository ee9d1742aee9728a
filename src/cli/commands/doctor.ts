import type { Command } from "commander";

export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description("print the effective configuration (secrets masked) and check the database")
    .action(async () => {
      const [{ cliContext }, { describeConfig }, { openDatabase }] = await Promise.all([
        import("../context.ts"),
        import("../../config.ts"),
        import("../../db/client.ts"),
      ]);
      const { config, log } = cliContext();
      for (const [key, value] of Object.entries(describeConfig(config)))
        console.log(`${key.padEnd(10)} ${value}`);
      try {
        const database = await openDatabase(config, log);
        const [row] = await database.sql<{ version: string; scans: number; members: number }[]>`
          select current_setting('server_version') as version,
                 (select count(*)::int from bronze.scan_reports where status = 'accepted') as scans,
                 (select count(*)::int from app.members) as members`;
        console.log(
          `${"db check".padEnd(10)} ok — PostgreSQL ${row!.version}, ${row!.members} members, ${row!.scans} accepted scans`,
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
