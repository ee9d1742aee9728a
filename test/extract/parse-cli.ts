// Stand-alone entry for `pump parse` in tests, independent of the shared CLI entry.
import { Command } from "commander";
import { registerParseCommand } from "../../src/cli/commands/parse.ts";

const program = new Command().name("pump");
registerParseCommand(program);
await program.parseAsync(process.argv);
