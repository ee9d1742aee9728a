import { type Core, openCore } from "../compose-core.ts";
import { cliContext } from "./context.ts";

/** A mistake in what the user asked for: `pump` prints it and exits 2. */
export class CliUsageError extends Error {
  override name = "CliUsageError";
}

/**
 * Runs a CLI action with the full core (database, pipeline, use-cases) and always closes it — also on
 * Ctrl-C, so the embedded database is never left running behind a command.
 */
export async function withCore<T>(
  action: (core: Core) => Promise<T>,
  options: { readOnly?: boolean } = {},
): Promise<T> {
  const { config, log } = cliContext();
  const core = await openCore(config, log, { readOnly: options.readOnly ?? false });
  const interrupted = () => {
    void core.close().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    return await action(core);
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    await core.close();
  }
}

/** For commands that only read: no full start-up refresh, no pdf.js warm-up. */
export function withReadOnlyCore<T>(action: (core: Core) => Promise<T>): Promise<T> {
  return withCore(action, { readOnly: true });
}
