// Stand-alone entry for `pump parse` and `pump layout` in tests, independent of the shared CLI entry.
import { Command } from "commander";
import { registerLayoutCommand } from "../../src/cli/commands/layout.ts";
import { registerParseCommand } from "../../src/cli/commands/parse.ts";

const program = new Command().name("pump");
registerParseCommand(program);
registerLayoutCommand(program);
await program.parseAsync(process.argv);
