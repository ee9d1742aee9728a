/** A mistake in what the user asked for: `pump` prints it and exits 2. */
export class CliUsageError extends Error {
  override name = "CliUsageError";
}
