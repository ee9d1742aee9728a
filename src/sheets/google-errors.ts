// Turns googleapis/gaxios failures into the port's two error kinds. Only status, code and Google's own
// message are kept: the original error carries the request (cell values) and the Authorization header,
// so it is never attached as `cause` and never logged.
import { SheetPermanentError, SheetRetryableError } from "./sheet-sink.ts";

export interface GoogleErrorContext {
  readonly spreadsheetId: string;
  readonly clientEmail: string;
  /** What we were doing, e.g. "append to tab \"Gym A\"". */
  readonly action: string;
  readonly isWrite: boolean;
}

interface GaxiosLike {
  status?: number;
  code?: string | number;
  name?: string;
  message?: string;
  response?: { status?: number; headers?: unknown; data?: unknown };
}

export function classifyGoogleError(error: unknown, ctx: GoogleErrorContext): Error {
  if (error instanceof SheetRetryableError || error instanceof SheetPermanentError) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as GaxiosLike;
  const status = e.response?.status ?? e.status;
  const where = `${ctx.action} in Google Sheet ${ctx.spreadsheetId}`;

  if (status === undefined) {
    // No HTTP answer: refused, reset, DNS, timeout. A write may have landed anyway.
    const code = typeof e.code === "string" ? e.code : (e.name ?? "network error");
    return new SheetRetryableError(`${where}: no answer (${code})`, undefined, ctx.isWrite);
  }
  const google = googleMessage(e.response?.data);
  const detail = google ? `: ${google}` : "";
  if (status === 429 || status === 408 || status >= 500) {
    return new SheetRetryableError(`${where}: HTTP ${status}${detail}`, retryAfterMs(e.response?.headers));
  }
  if (status === 401) {
    return new SheetPermanentError(
      `${where}: credentials rejected (HTTP 401)${detail}. Check the service-account key file and the clock.`,
      status,
    );
  }
  if (status === 403) {
    return new SheetPermanentError(
      `${where}: permission denied (HTTP 403)${detail}. Share the Sheet with ${ctx.clientEmail} as Editor, and make sure the Google Sheets API is enabled for its project.`,
      status,
    );
  }
  if (status === 404) {
    return new SheetPermanentError(
      `${where}: spreadsheet not found (HTTP 404). Check GOOGLE_SHEET_ID (the long id in the Sheet's URL).`,
      status,
    );
  }
  return new SheetPermanentError(`${where}: HTTP ${status}${detail}`, status);
}

function googleMessage(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const err = (data as { error?: { message?: unknown } }).error;
  return typeof err?.message === "string" ? err.message.slice(0, 300) : undefined;
}

function retryAfterMs(headers: unknown): number | undefined {
  let value: string | null | undefined;
  // gaxios hands back a fetch Headers (node-fetch's own class, so no instanceof check).
  const get = (headers as { get?: unknown } | undefined)?.get;
  if (typeof get === "function") value = get.call(headers, "retry-after") as string | null;
  else if (typeof headers === "object" && headers !== null) {
    const h = headers as Record<string, unknown>;
    const raw = h["retry-after"] ?? h["Retry-After"];
    value = typeof raw === "string" ? raw : undefined;
  }
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
