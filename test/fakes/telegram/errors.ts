/** A Telegram-style API failure: `{ ok: false, error_code, description, parameters? }`. */
export class TelegramApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }

  toBody(): Record<string, unknown> {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

export const badRequest = (what: string): TelegramApiError =>
  new TelegramApiError(400, `Bad Request: ${what}`);
export const forbidden = (what: string): TelegramApiError => new TelegramApiError(403, `Forbidden: ${what}`);
