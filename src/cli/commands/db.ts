import type { Command } from "commander";
import { openDatabase } from "../../db/client.ts";
import { cliContext } from "../context.ts";

export function registerDbCommands(program: Command): void {
  program
    .command("db:migrate")
    .description("apply pending database migrations")
    .action(async () => {
      const { config, log } = cliContext();
      const database = await openDatabase(config, log);
      await database.close();
      console.log("database is up to date");
    });
}
