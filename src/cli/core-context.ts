import { type Core, openCore } from "../compose-core.ts";
import { cliContext } from "./context.ts";

/** A mistake in what the user asked for: `pump` prints it and exits 2. */
export class CliUsageError extends Error {
  override name = "CliUsageError";
}

/** Runs a CLI action with the full core (database, pipeline, use-cases) and always closes it. */
export async function withCore<T>(action: (core: Core) => Promise<T>): Promise<T> {
  const { config, log } = cliContext();
  const core = await openCore(config, log);
  try {
    return await action(core);
  } finally {
    await core.close();
  }
}
