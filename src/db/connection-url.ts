import type { Options } from "postgres";

/**
 * postgres.js sends unknown URL query parameters to the server as settings, so the libpq-style
 * `?host=/socket/dir` (how the embedded server is addressed) must become a client option instead.
 */
export function postgresJsTarget(url: string): { url: string; options: Options<Record<string, never>> } {
  const parsed = new URL(url);
  const host = parsed.searchParams.get("host");
  if (!host) return { url, options: {} };
  parsed.searchParams.delete("host");
  return { url: parsed.toString(), options: { host } };
}

/** Same URL with another database name (for creating/dropping test databases). */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The URL without credentials, for logs and `pump doctor`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
