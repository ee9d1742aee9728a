// Webhook mode: an HTTP server on WEBHOOK_PORT takes Telegram's POSTs at WEBHOOK_URL's path and checks the
// X-Telegram-Bot-Api-Secret-Token header, so several instances can share the load behind one URL.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { type Bot, type Context, webhookCallback } from "grammy";

export interface WebhookOptions {
  url: string;
  secret: string | undefined;
  port: number;
}

/** Without WEBHOOK_SECRET every instance derives the same secret from the token (never sent anywhere else). */
export function webhookSecret(options: WebhookOptions, token: string): string {
  return (
    options.secret ?? createHash("sha256").update(`ronald-pump-webhook:${token}`).digest("hex").slice(0, 48)
  );
}

export async function listenForWebhook(
  bot: Bot<Context>,
  options: WebhookOptions,
  secret: string,
): Promise<Server> {
  const path = new URL(options.url).pathname;
  const handle = webhookCallback(bot, "http", {
    secretToken: secret,
    // a scan takes a second or two; answer Telegram anyway before its own timeout and finish the work
    onTimeout: "return",
    timeoutMilliseconds: 50_000,
  });
  const server = createServer((request, response) => {
    const requestPath = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method !== "POST" || requestPath !== path) {
      response.writeHead(404).end();
      return;
    }
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, () => resolve());
  });
  return server;
}

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
