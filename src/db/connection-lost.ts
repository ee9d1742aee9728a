// Whether an error means the database went away under us — the server stopped or crashed, or our
// connection was terminated — as opposed to a query that failed. The CLI then says so in one line.

/** postgres.js's own codes for a connection that closed or never opened. */
const DRIVER_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);
/** The socket's codes when the other end is gone. */
const SOCKET_CODES = new Set(["EPIPE", "ECONNRESET", "ECONNREFUSED", "ENOTCONN", "ECONNABORTED"]);

/** SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server shut down, crashed or is starting). */
const isServerGone = (code: string) => code.startsWith("08") || /^57P0[1-3]$/.test(code);

/** A short reason (the error's code) when `error`, or one of its causes, is a lost connection; else null. */
export function connectionLostReason(error: unknown): string | null {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (DRIVER_CODES.has(code) || SOCKET_CODES.has(code) || isServerGone(code)))
      return code;
    pending.push((current as { cause?: unknown }).cause);
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return null;
}

/**
 * postgres.js 3.4 can throw outside any promise when a connection is terminated between scheduling a write
 * and making it (`socket.write` on a socket it already dropped): a TypeError from its connection module.
 */
export function isDriverWriteAfterLoss(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /reading 'write'/.test(error.message) &&
    /postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? "")
  );
}
