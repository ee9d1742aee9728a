// Google-specific behaviour, through the real @googleapis/sheets client against the stand-in.
import { auth, sheets } from "@googleapis/sheets";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createGoogleSheetSink,
  type GoogleSheetSink,
  SHEETS_SCOPE,
} from "../../src/sheets/google-sheet-sink.ts";
import { syncTab } from "../../src/sheets/mirror.ts";
import { SheetPermanentError, SheetRetryableError } from "../../src/sheets/sheet-sink.ts";
import { makeServiceAccountKey, type TestServiceAccount } from "../fakes/sheets/service-account-key.ts";
import { SheetsStandIn } from "../fakes/sheets/sheets-stand-in.ts";

const COLUMNS = ["scan_id", "scanned_at", "weight_kg"];
const rows = [
  { scan_id: "scan_1", scanned_at: "2026-03-01T07:35", weight_kg: 80.5 },
  { scan_id: "scan_2", scanned_at: "2026-03-08T07:35", weight_kg: 80.25 },
];

let account: TestServiceAccount;
let standIn: SheetsStandIn;
const savedEnv = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };

beforeAll(() => {
  account = makeServiceAccountKey();
  // Any https request the client might make (the OAuth token endpoint is https://oauth2.googleapis.com)
  // is tunnelled through the stand-in, which records the CONNECT and refuses it. The stand-in itself is
  // reached directly.
  process.env.HTTPS_PROXY = "http://127.0.0.1:9"; // replaced per test once the port is known
  process.env.NO_PROXY = "127.0.0.1";
});
afterAll(() => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
beforeEach(async () => {
  standIn = await SheetsStandIn.start({ publicKey: account.publicKey, clientEmail: account.clientEmail });
  process.env.HTTPS_PROXY = standIn.url;
});
afterEach(async () => {
  await standIn.close();
});

function sink(extra: { spreadsheetId?: string; timeoutMs?: number } = {}): Promise<GoogleSheetSink> {
  return createGoogleSheetSink({
    spreadsheetId: extra.spreadsheetId ?? standIn.spreadsheetId,
    keyFile: account.keyFile,
    rootUrl: standIn.url,
    ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}),
  });
}

describe("Google sheet sink", () => {
  it("authenticates with self-signed JWTs: no token endpoint is ever asked", async () => {
    await syncTab(await sink(), { tab: "Iron Crew", columns: COLUMNS, rows, isOurId: "scan_" });
    expect(standIn.tokenRequests).toEqual([]);
    expect(standIn.requests.length).toBeGreaterThan(0);
    // The stand-in verified every signature with the public key; these are the claims it saw.
    for (const claims of standIn.authClaims) {
      expect(claims).toMatchObject({
        iss: account.clientEmail,
        sub: account.clientEmail,
        scope: SHEETS_SCOPE,
      });
    }
  });

  it("control: the default JWT flow would ask the token endpoint, and the stand-in notices", async () => {
    const key = JSON.parse(
      await import("node:fs/promises").then((fs) => fs.readFile(account.keyFile, "utf8")),
    );
    const client = new auth.JWT({ email: key.client_email, key: key.private_key, scopes: [SHEETS_SCOPE] });
    const api = sheets({ version: "v4", auth: client, rootUrl: standIn.url });
    await expect(
      api.spreadsheets.get({ spreadsheetId: standIn.spreadsheetId }, { retry: false }),
    ).rejects.toThrow();
    expect(standIn.tokenRequests).toEqual(["CONNECT oauth2.googleapis.com:443"]);
  });

  it("writes numbers as numbers with RAW input and reads them unformatted", async () => {
    await syncTab(await sink(), {
      tab: "Iron Crew",
      columns: COLUMNS,
      rows: [...rows, { scan_id: "scan_3", scanned_at: "=1+1", weight_kg: null }],
      isOurId: "scan_",
    });
    expect(standIn.tab("Iron Crew")).toEqual([
      COLUMNS,
      ["scan_1", "2026-03-01T07:35", 80.5],
      ["scan_2", "2026-03-08T07:35", 80.25],
      ["scan_3", "=1+1"],
    ]);
  });

  it("handles tab names with spaces and apostrophes", async () => {
    const tab = "Bob's 'Early' Crew";
    const s = await sink();
    await syncTab(s, { tab, columns: COLUMNS, rows, isOurId: "scan_" });
    const again = await syncTab(s, { tab, columns: COLUMNS, rows: rows.slice(1), isOurId: "scan_" });
    expect(again).toMatchObject({ deleted: 1, unchanged: 1 });
    expect(standIn.tab(tab)).toEqual([COLUMNS, ["scan_2", "2026-03-08T07:35", 80.25]]);
  });

  it("widens a tab beyond the 26 columns a new tab has", async () => {
    const columns = ["scan_id", ...Array.from({ length: 40 }, (_, i) => `m${i}`)];
    const row = Object.fromEntries(columns.map((c, i) => [c, i === 0 ? "scan_1" : i]));
    await syncTab(await sink(), { tab: "Wide", columns, rows: [row], isOurId: "scan_" });
    expect(standIn.tab("Wide")[1]?.length).toBe(41);
    const again = await syncTab(await sink(), { tab: "Wide", columns, rows: [row], isOurId: "scan_" });
    expect(again.writeRequests).toBe(0);
  });

  it("429 carries the server's Retry-After as a hint", async () => {
    standIn.failNext(1, { status: 429, retryAfterSeconds: 7 });
    const error = await (await sink()).listTabs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetRetryableError);
    expect((error as SheetRetryableError).retryAfterMs).toBe(7000);
  });

  it("a hung server becomes a retryable timeout", async () => {
    standIn.slow(2_000);
    const error = await (await sink({ timeoutMs: 150 })).listTabs().catch((e: unknown) => e);
    standIn.slow(0);
    expect(error).toBeInstanceOf(SheetRetryableError);
  });

  it("a dropped connection is retryable", async () => {
    standIn.dropNext(1);
    await expect((await sink()).listTabs()).rejects.toBeInstanceOf(SheetRetryableError);
  });

  it("403 tells the operator to share the Sheet with the service account", async () => {
    standIn.setShared(false);
    const error = await (await sink()).listTabs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetPermanentError);
    expect((error as Error).message).toContain(`Share the Sheet with ${account.clientEmail}`);
    expect(standIn.tokenRequests).toEqual([]);
  });

  it("404 names GOOGLE_SHEET_ID", async () => {
    const error = await (await sink({ spreadsheetId: "no-such-sheet" })).listTabs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetPermanentError);
    expect((error as Error).message).toMatch(/not found.*GOOGLE_SHEET_ID/);
  });

  it("errors carry neither cell values nor the bearer token", async () => {
    const s = await sink();
    await syncTab(s, { tab: "T", columns: COLUMNS, rows: rows.slice(0, 1), isOurId: "scan_" });
    standIn.failNext(1, { status: 500 });
    const error = await s.appendRows("T", [["scan_9", "secret-ish", 123.456]]).catch((e: unknown) => e);
    const dump =
      JSON.stringify(error, Object.getOwnPropertyNames(error as object)) + String((error as Error).cause);
    expect(dump).not.toContain("123.456");
    expect(dump).not.toContain("Bearer");
  });

  it("rejects a key file that is not a service-account key, without printing it", async () => {
    const { writeFile, mkdtemp } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const file = join(await mkdtemp(join(tmpdir(), "pump-bad-key-")), "key.json");
    await writeFile(file, JSON.stringify({ private_key: "TOPSECRET" }));
    const error = await createGoogleSheetSink({ spreadsheetId: "x", keyFile: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetPermanentError);
    expect((error as Error).message).not.toContain("TOPSECRET");
  });
});
