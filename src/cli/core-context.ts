import { type Core, openCore } from "../compose-core.ts";
import { cliContext } from "./context.ts";

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
