import type { Command } from "commander";

export function registerDbCommands(program: Command): void {
  program
    .command("db:migrate")
    .description("apply pending database migrations")
    .action(async () => {
      const [{ cliContext }, { openDatabase }] = await Promise.all([
        import("../context.ts"),
        import("../../db/client.ts"),
      ]);
      const { config, log } = cliContext();
      const database = await openDatabase(config, log);
      await database.close();
      console.log("database is up to date");
    });
}
