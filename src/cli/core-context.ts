import type { Core } from "../compose-core.ts";

export { CliUsageError } from "./usage-error.ts";

/**
 * Runs a CLI action with the full core (database, pipeline, use-cases) and always closes it — also on
 * Ctrl-C, so the embedded database is never left running behind a command.
 */
export async function withCore<T>(
  action: (core: Core) => Promise<T>,
  options: { readOnly?: boolean; skipCatchUp?: boolean } = {},
): Promise<T> {
  // imported here, not at the top: `pump --help` loads every command module and must stay fast
  const [{ openCore }, { cliContext }] = await Promise.all([
    import("../compose-core.ts"),
    import("./context.ts"),
  ]);
  const { config, log } = cliContext();
  const core = await openCore(config, log, {
    readOnly: options.readOnly ?? false,
    skipCatchUp: options.skipCatchUp ?? false,
  });
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

/** For commands that only read: no start-up catch-up (only changed models are rebuilt), no pdf.js warm-up. */
export function withReadOnlyCore<T>(action: (core: Core) => Promise<T>): Promise<T> {
  return withCore(action, { readOnly: true });
}
