import type { TelegramState } from "./state.ts";

/**
 * Pushes queued updates to the registered webhook, one at a time and in order, like Telegram: a 2xx answer
 * confirms the update, anything else is retried after `retryDelayMs`. A JSON answer that names a `method`
 * is executed (Telegram's "webhook reply").
 */
export class WebhookDelivery {
  private running = false;
  private abort: AbortController | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly state: TelegramState,
    private readonly executeReply: (method: string, params: Record<string, unknown>) => Promise<void>,
    private readonly retryDelayMs: number,
  ) {
    state.events.on("update", () => this.wake?.());
  }

  /** Starts or stops the loop after setWebhook/deleteWebhook. */
  refresh(): void {
    if (this.state.webhook && !this.running) void this.loop();
    this.wake?.();
  }

  stop(): void {
    this.running = false;
    this.abort?.abort();
    clearTimeout(this.retryTimer);
    this.wake?.();
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.running && this.state.webhook) {
        const hook = this.state.webhook;
        const entry = this.state.queue.find((e) => this.state.isAllowed(e.update, hook.allowedUpdates));
        for (const e of [...this.state.queue]) {
          if (!this.state.isAllowed(e.update, hook.allowedUpdates)) this.state.markHandled(e);
        }
        if (!entry) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
          this.wake = undefined;
          continue;
        }
        const ok = await this.deliver(hook.url, hook.secretToken, entry.update);
        if (!this.running) return;
        if (ok) {
          this.state.markHandled(entry);
        } else {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            this.retryTimer = setTimeout(resolve, this.retryDelayMs);
          });
          clearTimeout(this.retryTimer);
          this.wake = undefined;
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async deliver(url: string, secretToken: string | undefined, update: unknown): Promise<boolean> {
    const updateId = (update as { update_id: number }).update_id;
    this.abort = new AbortController();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secretToken ? { "x-telegram-bot-api-secret-token": secretToken } : {}),
        },
        body: JSON.stringify(update),
        signal: this.abort.signal,
      });
      const body = await response.text();
      this.state.webhookDeliveries.push({ updateId, status: response.status, at: Date.now() });
      if (!response.ok) {
        this.recordError(`Wrong response from the webhook: ${response.status} ${response.statusText}`);
        return false;
      }
      const reply = parseReply(body);
      if (reply) await this.executeReply(reply.method, reply.params);
      return true;
    } catch (error) {
      if (!this.running) return false;
      const message = error instanceof Error ? error.message : String(error);
      this.state.webhookDeliveries.push({ updateId, error: message, at: Date.now() });
      this.recordError(`Connection failed: ${message}`);
      return false;
    } finally {
      this.state.changed();
    }
  }

  private recordError(message: string): void {
    if (!this.state.webhook) return;
    this.state.webhook.lastErrorDate = this.state.now();
    this.state.webhook.lastErrorMessage = message;
  }
}

function parseReply(body: string): { method: string; params: Record<string, unknown> } | undefined {
  if (body.trim() === "") return undefined;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    if (typeof parsed.method !== "string") return undefined;
    const { method, ...params } = parsed;
    return { method, params };
  } catch {
    return undefined;
  }
}
