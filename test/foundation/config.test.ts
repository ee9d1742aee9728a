import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeConfig } from "../../src/cli/describe-config.ts";
import { ConfigError, parseConfig } from "../../src/config.ts";

describe("configuration", () => {
  it("defaults to the embedded database in ./data, CSV sheets and no bots", () => {
    const config = parseConfig({});
    expect(config.telegram).toBeNull();
    expect(config.discord).toBeNull();
    expect(config.database).toEqual({ embedded: { dataDir: path.resolve("./data") } });
    expect(config.sheets).toEqual({ kind: "csv", dir: path.resolve("./data/sheets") });
    expect(config.defaultTimeZone).toBe("UTC");
    expect(config.logLevel).toBe("info");
  });

  it("enables Telegram with a token and honours TELEGRAM_API_ROOT", () => {
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: "123456:ABC-def_1",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9/",
    });
    expect(config.telegram).toMatchObject({
      token: "123456:ABC-def_1",
      apiRoot: "http://127.0.0.1:9",
      webhook: null,
    });
  });

  it.each([
    [{ TELEGRAM_BOT_TOKEN: "not a token" }, /^TELEGRAM_BOT_TOKEN /],
    [{ DATABASE_URL: "nonsense" }, /^DATABASE_URL must be a postgres:\/\/ URL/],
    [{ TZ: "Mars/Olympus" }, /^TZ must be an IANA time zone/],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL /],
    [{ DISCORD_BOT_TOKEN: "abc" }, /^DISCORD_APPLICATION_ID is required/],
    [{ GOOGLE_SHEET_ID: "sheet" }, /^GOOGLE_APPLICATION_CREDENTIALS is required/],
    [
      { GOOGLE_APPLICATION_CREDENTIALS: "/nope/key.json" },
      /^GOOGLE_APPLICATION_CREDENTIALS must be the path/,
    ],
    [{ WEBHOOK_PORT: "99999" }, /^WEBHOOK_PORT /],
    [{ DISCORD_MESSAGE_CONTENT: "maybe" }, /^DISCORD_MESSAGE_CONTENT must be true or false/],
  ])("rejects %o with one line naming the variable", (env, message) => {
    let error: unknown;
    try {
      parseConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("asks for Discord's Message Content intent unless DISCORD_MESSAGE_CONTENT turns it off", () => {
    const discord = { DISCORD_BOT_TOKEN: "abc", DISCORD_APPLICATION_ID: "123456789" };
    expect(parseConfig(discord).discord?.messageContent).toBe(true);
    expect(parseConfig({ ...discord, DISCORD_MESSAGE_CONTENT: "false" }).discord?.messageContent).toBe(false);
    expect(parseConfig({ ...discord, DISCORD_MESSAGE_CONTENT: "true" }).discord?.messageContent).toBe(true);
  });

  it("switches to Google Sheets when an id and an existing key file are given", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pump-config-"));
    const key = path.join(dir, "key.json");
    writeFileSync(key, "{}");
    const config = parseConfig({ GOOGLE_SHEET_ID: "abc", GOOGLE_APPLICATION_CREDENTIALS: key });
    expect(config.sheets).toEqual({
      kind: "google",
      spreadsheetId: "abc",
      credentialsFile: key,
      apiRoot: "https://sheets.googleapis.com/",
    });
  });

  it("masks secrets when describing itself", () => {
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: "123456:SECRETSECRETSECRET",
      DISCORD_BOT_TOKEN: "discord-secret-token-value",
      DISCORD_APPLICATION_ID: "123456789",
      DATABASE_URL: "postgres://u:hunter2@db.example:5432/pump",
    });
    const text = JSON.stringify(describeConfig(config));
    expect(text).not.toContain("SECRETSECRETSECRET");
    expect(text).not.toContain("discord-secret-token-value");
    expect(text).not.toContain("hunter2");
    expect(text).toContain("telegram");
  });
});
