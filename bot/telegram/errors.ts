// Errors as the logs may see them: codes and descriptions, never the payload (it holds message text with
// body values) nor the request URL (it holds the token).
import { GrammyError, HttpError } from "grammy";

export function safeError(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError)
    return {
      kind: "telegram",
      method: error.method,
      errorCode: error.error_code,
      description: error.description,
    };
  if (error instanceof HttpError) return { kind: "network", message: redact(error.message) };
  if (error instanceof Error)
    return { kind: error.name, message: redact(error.message), stack: redact(error.stack ?? "") };
  return { kind: typeof error };
}

/** 403 (never started the bot, blocked it, kicked from the chat) or 400 chat not found: nobody to talk to. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof GrammyError)) return false;
  if (error.error_code === 403) return true;
  return error.error_code === 400 && /chat not found|user not found|PEER_ID_INVALID/i.test(error.description);
}

const TOKEN = /\d{5,}:[A-Za-z0-9_-]{20,}/g;

function redact(text: string): string {
  return text.replace(TOKEN, "<token>");
}
