// A stand-in for the Google Sheets REST API v4 on 127.0.0.1 (random port), speaking the paths and
// bodies @googleapis/sheets sends, so the real client library, auth and error handling are exercised.
//
// Served: spreadsheets.get, spreadsheets.batchUpdate (addSheet, deleteSheet, deleteDimension,
// insertDimension, appendDimension, updateSheetProperties), values.get, values.update, values.append,
// values.clear, values.batchGet, values.batchUpdate, values.batchClear.
// Faults: failNext(n, {status}), failWrite(skip, {status}) (the write after `skip` writes), slow(ms), loseResponseAfterCommit(n), dropNext(n) (reset before commit),
// randomFaults({seed, probability}) with a seeded PRNG, setShared(false) (403), wrong id → 404.
// Every CONNECT (a proxied https request, e.g. to oauth2.googleapis.com) and every path that looks like a
// token endpoint is recorded in `tokenRequests` and refused: there should be none.
import { type KeyObject, verify as verifySignature } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type A1Range, formatA1, parseA1 } from "./a1-range.ts";
import { mulberry32 } from "./prng.ts";

export type StandInCell = string | number | boolean;

interface Tab {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  rows: StandInCell[][];
}

export interface RecordedRequest {
  method: string;
  op: string;
  write: boolean;
  /** HTTP status sent, or "lost"/"reset" when the socket was destroyed. */
  outcome: number | "lost" | "reset";
}

export type FaultKind = 429 | 500 | 503 | "reset" | "lose-after-commit";

export interface StandInOptions {
  spreadsheetId?: string;
  /** When given, every request must carry a JWT signed by this key's private half. */
  publicKey?: KeyObject;
  clientEmail?: string;
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status = code === 400 ? "INVALID_ARGUMENT" : code === 404 ? "NOT_FOUND" : "FAILED_PRECONDITION",
  ) {
    super(message);
  }
}

export class SheetsStandIn {
  readonly spreadsheetId: string;
  url = "";
  readonly requests: RecordedRequest[] = [];
  readonly tokenRequests: string[] = [];
  /** Decoded JWT payloads seen in Authorization headers. */
  readonly authClaims: Array<Record<string, unknown>> = [];
  /** Every valueInputOption a write asked for (RAW keeps `=` text as text; USER_ENTERED would run it). */
  readonly valueInputOptions = new Set<string>();

  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private tabs: Tab[] = [];
  private nextSheetId = 1;
  private shared = true;
  private delayMs = 0;
  private failQueue: Array<{ status: number; retryAfterSeconds?: number }> = [];
  private loseQueue = 0;
  private dropQueue = 0;
  /** write requests still to pass before `writeFault` answers one */
  private writesBeforeFault = -1;
  private writeFault: { status: number } | undefined;
  private random: { next: () => number; probability: number; kinds: FaultKind[] } | undefined;

  private constructor(private readonly options: StandInOptions) {
    this.spreadsheetId = options.spreadsheetId ?? "test-spreadsheet-1";
    this.addTab("Sheet1");
  }

  static async start(options: StandInOptions = {}): Promise<SheetsStandIn> {
    const standIn = new SheetsStandIn(options);
    await standIn.listen();
    return standIn;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  // ---- fault injection -------------------------------------------------------------------------------

  /** The next n requests answer with `status` (nothing is applied). */
  failNext(n: number, fault: { status: number; retryAfterSeconds?: number }): void {
    for (let i = 0; i < n; i++) this.failQueue.push(fault);
  }
  /** Every request waits `ms` before being handled (0 turns it off). The write still lands afterwards. */
  slow(ms: number): void {
    this.delayMs = ms;
  }
  /** The next n write requests are applied, then the socket is destroyed before any answer. */
  loseResponseAfterCommit(n = 1): void {
    this.loseQueue += n;
  }
  /** The write request after the next `skip` writes answers `status`, nothing applied (reads pass). */
  failWrite(skip: number, fault: { status: number }): void {
    this.writesBeforeFault = skip;
    this.writeFault = fault;
  }
  /** The next n requests are dropped (socket destroyed) before anything is applied. */
  dropNext(n = 1): void {
    this.dropQueue += n;
  }
  /** Each request faults with `probability`, the kind picked by a PRNG seeded with `seed`. null = off. */
  randomFaults(opts: { seed: number; probability: number; kinds?: FaultKind[] } | null): void {
    this.random = opts
      ? {
          next: mulberry32(opts.seed),
          probability: opts.probability,
          kinds: opts.kinds ?? [429, 500, 503, "reset", "lose-after-commit"],
        }
      : undefined;
  }
  /** false: the service account loses access (every call answers 403). */
  setShared(shared: boolean): void {
    this.shared = shared;
  }

  // ---- test-side view and hand edits -----------------------------------------------------------------

  tabTitles(): string[] {
    return this.tabs.map((t) => t.title);
  }
  /** The tab as values.get with UNFORMATTED_VALUE returns it (trailing empties trimmed). */
  tab(title: string): StandInCell[][] {
    return trimGrid(this.mustTab(title).rows);
  }
  addTab(title: string): void {
    this.tabs.push({
      sheetId: this.nextSheetId++ * 1000 + 7,
      title,
      rowCount: 1000,
      columnCount: 26,
      rows: [],
    });
  }
  setCell(title: string, row: number, col: number, value: StandInCell): void {
    const tab = this.mustTab(title);
    while (tab.rows.length <= row) tab.rows.push([]);
    const r = tab.rows[row]!;
    while (r.length <= col) r.push("");
    r[col] = value;
  }
  deleteRow(title: string, row: number): void {
    const tab = this.mustTab(title);
    tab.rows.splice(row, 1);
    tab.rowCount--;
  }
  /** Writes `cells` into the first row below the last non-empty one (as a person typing would). */
  appendRow(title: string, cells: StandInCell[]): void {
    const tab = this.mustTab(title);
    tab.rows = trimGrid(tab.rows);
    tab.rows.push([...cells]);
  }
  /** Number of write requests received (any outcome). */
  writeCount(): number {
    return this.requests.filter((r) => r.write).length;
  }

  // ---- HTTP ------------------------------------------------------------------------------------------

  private async listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent)
          this.send(res, 500, { error: { code: 500, message: String(error), status: "INTERNAL" } });
      });
    });
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    // A client behind HTTPS_PROXY=<this server> asks to tunnel to the token endpoint: record and refuse.
    server.on("connect", (req: IncomingMessage, socket: Socket) => {
      this.tokenRequests.push(`CONNECT ${req.url ?? ""}`);
      socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://stand-in");
    const body = await readBody(req);
    if (/token|oauth2/i.test(url.pathname) || url.hostname.includes("oauth2")) {
      this.tokenRequests.push(`${method} ${url.pathname}`);
      this.send(res, 400, { error: "invalid_grant", error_description: "the stand-in issues no tokens" });
      return;
    }
    const route = this.route(method, url);
    const record: RecordedRequest = { method, op: route.op, write: route.write, outcome: 200 };
    this.requests.push(record);

    if (this.delayMs > 0) await this.sleep(this.delayMs);

    // Authentication: a self-signed service-account JWT.
    const authError = this.checkAuth(req.headers.authorization);
    if (authError) return this.fail(res, record, 401, authError, "UNAUTHENTICATED");

    let lose = false;
    const fault = this.pickFault(route.write);
    if (fault === "reset") {
      record.outcome = "reset";
      req.socket.destroy();
      return;
    }
    if (fault === "lose-after-commit") lose = true;
    else if (fault) {
      if (fault.retryAfterSeconds !== undefined)
        res.setHeader("Retry-After", String(fault.retryAfterSeconds));
      const status =
        fault.status === 429 ? "RESOURCE_EXHAUSTED" : fault.status === 503 ? "UNAVAILABLE" : "INTERNAL";
      const message =
        fault.status === 429
          ? "Quota exceeded for quota metric 'Write requests'"
          : "Internal error encountered.";
      return this.fail(res, record, fault.status, message, status);
    }

    if (!this.shared)
      return this.fail(res, record, 403, "The caller does not have permission", "PERMISSION_DENIED");
    if (route.spreadsheetId !== this.spreadsheetId) {
      return this.fail(res, record, 404, "Requested entity was not found.", "NOT_FOUND");
    }

    let result: unknown;
    try {
      const parsed = body === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
      result = route.run(parsed);
    } catch (error) {
      if (error instanceof ApiError) return this.fail(res, record, error.code, error.message, error.status);
      if (error instanceof SyntaxError)
        return this.fail(res, record, 400, "Invalid JSON payload received.", "INVALID_ARGUMENT");
      throw error;
    }
    if (lose) {
      record.outcome = "lost";
      req.socket.destroy();
      return;
    }
    this.send(res, 200, result);
  }

  private pickFault(
    write: boolean,
  ): { status: number; retryAfterSeconds?: number } | "reset" | "lose-after-commit" | undefined {
    const queued = this.failQueue.shift();
    if (queued) return queued;
    if (write && this.writeFault) {
      if (this.writesBeforeFault === 0) {
        const fault = this.writeFault;
        this.writeFault = undefined;
        return fault;
      }
      this.writesBeforeFault--;
    }
    if (this.dropQueue > 0) {
      this.dropQueue--;
      return "reset";
    }
    if (write && this.loseQueue > 0) {
      this.loseQueue--;
      return "lose-after-commit";
    }
    if (this.random && this.random.next() < this.random.probability) {
      const kinds = this.random.kinds;
      const kind = kinds[Math.floor(this.random.next() * kinds.length)]!;
      if (kind === "reset") return "reset";
      if (kind === "lose-after-commit") return write ? "lose-after-commit" : "reset";
      return { status: kind };
    }
    return undefined;
  }

  private checkAuth(header: string | undefined): string | undefined {
    const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header ?? "");
    if (!m) return "Request is missing required authentication credential.";
    let claims: Record<string, unknown>;
    try {
      claims = JSON.parse(Buffer.from(m[2]!, "base64url").toString("utf8")) as Record<string, unknown>;
    } catch {
      return "Invalid JWT payload.";
    }
    this.authClaims.push(claims);
    if (this.options.publicKey) {
      const ok = verifySignature(
        "RSA-SHA256",
        Buffer.from(`${m[1]}.${m[2]}`),
        this.options.publicKey,
        Buffer.from(m[3]!, "base64url"),
      );
      if (!ok) return "Invalid JWT signature.";
    }
    if (this.options.clientEmail && claims.iss !== this.options.clientEmail) return "Invalid JWT issuer.";
    const exp = typeof claims.exp === "number" ? claims.exp : 0;
    if (exp * 1000 < Date.now()) return "JWT expired.";
    return undefined;
  }

  private fail(
    res: ServerResponse,
    record: RecordedRequest,
    code: number,
    message: string,
    status: string,
  ): void {
    record.outcome = code;
    this.send(res, code, { error: { code, message, status } });
  }

  private send(res: ServerResponse, code: number, body: unknown): void {
    if (res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(code, {
      "content-type": "application/json; charset=UTF-8",
      "content-length": Buffer.byteLength(text),
    });
    res.end(text);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  // ---- routing ---------------------------------------------------------------------------------------

  private route(
    method: string,
    url: URL,
  ): { op: string; write: boolean; spreadsheetId: string; run: (body: Record<string, unknown>) => unknown } {
    const prefix = "/v4/spreadsheets/";
    const notFound = (op: string) => ({
      op,
      write: method !== "GET",
      spreadsheetId: this.spreadsheetId,
      run: () => {
        throw new ApiError(404, "Method not found.");
      },
    });
    if (!url.pathname.startsWith(prefix)) return notFound("unknown");
    const rest = url.pathname.slice(prefix.length);
    const idMatch = /^[^/:]+/.exec(rest);
    if (!idMatch) return notFound("unknown");
    const spreadsheetId = decodeURIComponent(idMatch[0]);
    const tail = rest.slice(idMatch[0].length);
    const q = url.searchParams;
    const r = (op: string, write: boolean, run: (body: Record<string, unknown>) => unknown) => ({
      op,
      write,
      spreadsheetId,
      run,
    });

    if (tail === "" && method === "GET") return r("spreadsheets.get", false, () => this.getSpreadsheet());
    if (tail === ":batchUpdate" && method === "POST")
      return r("spreadsheets.batchUpdate", true, (b) => this.batchUpdate(b));
    if (tail === "/values:batchGet" && method === "GET") {
      return r("values.batchGet", false, () => ({
        spreadsheetId,
        valueRanges: q.getAll("ranges").map((range) => this.getValues(range, q.get("valueRenderOption"))),
      }));
    }
    if (tail === "/values:batchUpdate" && method === "POST")
      return r("values.batchUpdate", true, (b) => this.valuesBatchUpdate(b));
    if (tail === "/values:batchClear" && method === "POST") {
      return r("values.batchClear", true, (b) => ({
        spreadsheetId,
        clearedRanges: ((b.ranges as string[] | undefined) ?? []).map((range) => this.clear(range)),
      }));
    }
    if (tail.startsWith("/values/")) {
      const raw = tail.slice("/values/".length);
      const colon = raw.lastIndexOf(":");
      const suffix = colon === -1 ? "" : raw.slice(colon + 1);
      if (method === "POST" && suffix === "append") {
        const range = decodeURIComponent(raw.slice(0, colon));
        return r("values.append", true, (b) => this.append(range, b, q));
      }
      if (method === "POST" && suffix === "clear") {
        const range = decodeURIComponent(raw.slice(0, colon));
        return r("values.clear", true, () => ({ spreadsheetId, clearedRange: this.clear(range) }));
      }
      const range = decodeURIComponent(raw);
      if (method === "GET")
        return r("values.get", false, () => this.getValues(range, q.get("valueRenderOption")));
      if (method === "PUT") {
        return r("values.update", true, (b) => {
          const option = this.inputOption(q.get("valueInputOption"));
          return { spreadsheetId, ...this.writeValues(range, b.values, option) };
        });
      }
    }
    return notFound("unknown");
  }

  // ---- operations ------------------------------------------------------------------------------------

  private getSpreadsheet(): unknown {
    return {
      spreadsheetId: this.spreadsheetId,
      properties: { title: "Ronald Pump (stand-in)", locale: "en_US", timeZone: "Etc/UTC" },
      sheets: this.tabs.map((t, index) => ({ properties: this.properties(t, index) })),
    };
  }

  private properties(t: Tab, index: number): unknown {
    return {
      sheetId: t.sheetId,
      title: t.title,
      index,
      sheetType: "GRID",
      gridProperties: { rowCount: t.rowCount, columnCount: t.columnCount },
    };
  }

  private resolve(rangeText: string): { tab: Tab; range: A1Range } {
    let range: A1Range;
    try {
      range = parseA1(rangeText);
    } catch {
      throw new ApiError(400, `Unable to parse range: ${rangeText}`);
    }
    const tab = this.tabs.find((t) => t.title === range.tab);
    if (!tab) throw new ApiError(400, `Unable to parse range: ${rangeText}`);
    return { tab, range };
  }

  private getValues(rangeText: string, render: string | null): unknown {
    const { tab, range } = this.resolve(rangeText);
    const endRow = Math.min(range.endRow ?? tab.rowCount, tab.rowCount);
    const endCol = Math.min(range.endCol ?? tab.columnCount, tab.columnCount);
    const values: StandInCell[][] = [];
    for (let row = range.startRow; row < endRow; row++) {
      const cells = (tab.rows[row] ?? []).slice(range.startCol, endCol);
      values.push(cells.map((c) => (render === "UNFORMATTED_VALUE" ? c : formatted(c))));
    }
    const trimmed = trimGrid(values);
    const a1 = formatA1(tab.title, range.startRow, range.startCol, endRow, endCol);
    return trimmed.length > 0
      ? { range: a1, majorDimension: "ROWS", values: trimmed }
      : { range: a1, majorDimension: "ROWS" };
  }

  private inputOption(option: string | null | undefined): "RAW" | "USER_ENTERED" {
    if (option === "RAW" || option === "USER_ENTERED") {
      this.valueInputOptions.add(option);
      return option;
    }
    throw new ApiError(400, "'valueInputOption' is required but not specified");
  }

  private checkGrid(tab: Tab, lastRow: number, lastCol: number, rangeText: string): void {
    if (lastRow > tab.rowCount || lastCol > tab.columnCount) {
      throw new ApiError(
        400,
        `Range (${rangeText}) exceeds grid limits. Max rows: ${tab.rowCount}, max columns: ${tab.columnCount}`,
      );
    }
  }

  private writeValues(
    rangeText: string,
    values: unknown,
    option: "RAW" | "USER_ENTERED",
    apply = true,
  ): Record<string, unknown> {
    const { tab, range } = this.resolve(rangeText);
    const grid = asGrid(values);
    const width = Math.max(0, ...grid.map((r) => r.length));
    if (range.endCol !== undefined && range.startCol + width > range.endCol) {
      throw new ApiError(
        400,
        `Requested writing within range [${rangeText}], but tried writing to more columns`,
      );
    }
    if (range.endRow !== undefined && range.startRow + grid.length > range.endRow) {
      throw new ApiError(
        400,
        `Requested writing within range [${rangeText}], but tried writing to more rows`,
      );
    }
    this.checkGrid(tab, range.startRow + grid.length, range.startCol + width, rangeText);
    if (apply) this.put(tab, range.startRow, range.startCol, grid, option);
    return {
      updatedRange: formatA1(
        tab.title,
        range.startRow,
        range.startCol,
        range.startRow + grid.length,
        range.startCol + Math.max(width, 1),
      ),
      updatedRows: grid.length,
      updatedColumns: width,
      updatedCells: grid.reduce((n, r) => n + r.length, 0),
    };
  }

  private put(
    tab: Tab,
    startRow: number,
    startCol: number,
    grid: Array<Array<unknown>>,
    option: "RAW" | "USER_ENTERED",
  ): void {
    grid.forEach((cells, i) => {
      const row = startRow + i;
      while (tab.rows.length <= row) tab.rows.push([]);
      const target = tab.rows[row]!;
      cells.forEach((value, j) => {
        if (value === null || value === undefined) return; // null leaves the cell as it is
        const col = startCol + j;
        while (target.length <= col) target.push("");
        target[col] = toStored(value, option);
      });
    });
  }

  private valuesBatchUpdate(body: Record<string, unknown>): unknown {
    const option = this.inputOption(body.valueInputOption as string | undefined);
    const data = (body.data as Array<{ range: string; values: unknown }> | undefined) ?? [];
    // All-or-nothing, like Google: validate every range before applying any.
    for (const d of data) this.writeValues(d.range, d.values, option, false);
    const responses = data.map((d) => ({
      spreadsheetId: this.spreadsheetId,
      ...this.writeValues(d.range, d.values, option),
    }));
    return { spreadsheetId: this.spreadsheetId, totalUpdatedRows: data.length, responses };
  }

  private append(rangeText: string, body: Record<string, unknown>, q: URLSearchParams): unknown {
    const option = this.inputOption(q.get("valueInputOption"));
    const { tab, range } = this.resolve(rangeText);
    const grid = asGrid(body.values);
    const width = Math.max(0, ...grid.map((r) => r.length));
    // The "table" is taken as everything down to the last non-empty row; new rows go right below it.
    const at = trimGrid(tab.rows).length;
    const insert = (q.get("insertDataOption") ?? "OVERWRITE") === "INSERT_ROWS";
    const startCol = range.startCol;
    this.checkGrid(tab, insert ? 0 : at + grid.length, startCol + width, rangeText);
    if (insert) {
      while (tab.rows.length < at) tab.rows.push([]);
      tab.rows.splice(at, 0, ...grid.map(() => [] as StandInCell[]));
      tab.rowCount += grid.length;
    }
    this.put(tab, at, startCol, grid, option);
    return {
      spreadsheetId: this.spreadsheetId,
      tableRange:
        at > 0
          ? formatA1(tab.title, 0, 0, at, Math.max(1, ...tab.rows.slice(0, at).map((r) => r.length)))
          : undefined,
      updates: {
        spreadsheetId: this.spreadsheetId,
        updatedRange: formatA1(tab.title, at, startCol, at + grid.length, startCol + Math.max(width, 1)),
        updatedRows: grid.length,
        updatedColumns: width,
        updatedCells: grid.reduce((n, r) => n + r.length, 0),
      },
    };
  }

  private clear(rangeText: string): string {
    const { tab, range } = this.resolve(rangeText);
    const endRow = Math.min(range.endRow ?? tab.rows.length, tab.rows.length);
    for (let row = range.startRow; row < endRow; row++) {
      const cells = tab.rows[row]!;
      const endCol = Math.min(range.endCol ?? cells.length, cells.length);
      for (let col = range.startCol; col < endCol; col++) cells[col] = "";
    }
    return formatA1(
      tab.title,
      range.startRow,
      range.startCol,
      range.endRow ?? tab.rowCount,
      range.endCol ?? tab.columnCount,
    );
  }

  private batchUpdate(body: Record<string, unknown>): unknown {
    const requests = (body.requests as Array<Record<string, Record<string, unknown>>> | undefined) ?? [];
    // Atomic: work on a copy, keep it only if every request succeeds.
    const saved = { tabs: this.tabs, next: this.nextSheetId };
    this.tabs = this.tabs.map((t) => ({ ...t, rows: t.rows.map((r) => [...r]) }));
    try {
      const replies = requests.map((request) => this.applyRequest(request));
      return { spreadsheetId: this.spreadsheetId, replies };
    } catch (error) {
      this.tabs = saved.tabs;
      this.nextSheetId = saved.next;
      throw error;
    }
  }

  private applyRequest(request: Record<string, Record<string, unknown>>): unknown {
    const [kind, args] = Object.entries(request)[0] ?? [];
    const byId = (sheetId: unknown) => {
      const tab = this.tabs.find((t) => t.sheetId === sheetId);
      if (!tab) throw new ApiError(400, `Invalid requests[0].${kind}: No grid with id: ${String(sheetId)}`);
      return tab;
    };
    switch (kind) {
      case "addSheet": {
        const props = (args?.properties ?? {}) as {
          title?: string;
          gridProperties?: { rowCount?: number; columnCount?: number };
        };
        const title = props.title ?? `Sheet${this.tabs.length + 1}`;
        if (this.tabs.some((t) => t.title === title)) {
          throw new ApiError(
            400,
            `Invalid requests[0].addSheet: A sheet with the name "${title}" already exists. Please enter another name.`,
          );
        }
        this.addTab(title);
        const tab = this.tabs.at(-1)!;
        tab.rowCount = props.gridProperties?.rowCount ?? tab.rowCount;
        tab.columnCount = props.gridProperties?.columnCount ?? tab.columnCount;
        return { addSheet: { properties: this.properties(tab, this.tabs.length - 1) } };
      }
      case "deleteSheet": {
        const tab = byId(args?.sheetId);
        this.tabs = this.tabs.filter((t) => t !== tab);
        return {};
      }
      case "deleteDimension": {
        const range = args?.range as {
          sheetId: number;
          dimension: string;
          startIndex: number;
          endIndex: number;
        };
        const tab = byId(range.sheetId);
        const n = range.endIndex - range.startIndex;
        if (range.dimension === "ROWS") {
          if (range.startIndex < 0 || range.endIndex > tab.rowCount || n <= 0)
            throw new ApiError(400, "Invalid deleteDimension range");
          if (n >= tab.rowCount)
            throw new ApiError(
              400,
              "Invalid requests[0].deleteDimension: You can't delete all the rows on the sheet.",
            );
          tab.rows.splice(range.startIndex, n);
          tab.rowCount -= n;
        } else {
          if (n >= tab.columnCount) throw new ApiError(400, "You can't delete all the columns on the sheet.");
          for (const row of tab.rows) row.splice(range.startIndex, n);
          tab.columnCount -= n;
        }
        return {};
      }
      case "insertDimension": {
        const range = args?.range as {
          sheetId: number;
          dimension: string;
          startIndex: number;
          endIndex: number;
        };
        const tab = byId(range.sheetId);
        const n = range.endIndex - range.startIndex;
        if (range.dimension === "ROWS") {
          while (tab.rows.length < range.startIndex) tab.rows.push([]);
          tab.rows.splice(range.startIndex, 0, ...Array.from({ length: n }, () => [] as StandInCell[]));
          tab.rowCount += n;
        } else {
          for (const row of tab.rows)
            if (row.length > range.startIndex)
              row.splice(range.startIndex, 0, ...Array<StandInCell>(n).fill(""));
          tab.columnCount += n;
        }
        return {};
      }
      case "appendDimension": {
        const tab = byId(args?.sheetId);
        const length = Number(args?.length ?? 0);
        if (args?.dimension === "ROWS") tab.rowCount += length;
        else tab.columnCount += length;
        return {};
      }
      case "updateSheetProperties": {
        const props = args?.properties as {
          sheetId: number;
          title?: string;
          gridProperties?: { rowCount?: number; columnCount?: number };
        };
        const tab = byId(props.sheetId);
        if (props.title !== undefined) tab.title = props.title;
        if (props.gridProperties?.rowCount !== undefined) tab.rowCount = props.gridProperties.rowCount;
        if (props.gridProperties?.columnCount !== undefined)
          tab.columnCount = props.gridProperties.columnCount;
        return {};
      }
      default:
        throw new ApiError(
          400,
          `Invalid JSON payload received. Unknown name "${String(kind)}" at 'requests[0]'`,
        );
    }
  }

  private mustTab(title: string): Tab {
    const tab = this.tabs.find((t) => t.title === title);
    if (!tab) throw new Error(`stand-in: no tab ${title}`);
    return tab;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function asGrid(values: unknown): Array<Array<unknown>> {
  if (values === undefined) return [];
  if (!Array.isArray(values) || values.some((r) => !Array.isArray(r))) {
    throw new ApiError(400, "Invalid values: expected a list of rows");
  }
  return values as Array<Array<unknown>>;
}

function toStored(value: unknown, option: "RAW" | "USER_ENTERED"): StandInCell {
  if (typeof value === "number" || typeof value === "boolean") return value;
  const text = String(value);
  if (option === "USER_ENTERED" && text.trim() !== "" && Number.isFinite(Number(text))) return Number(text);
  return text;
}

function formatted(cell: StandInCell): StandInCell {
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return String(cell);
}

function trimGrid(rows: readonly StandInCell[][]): StandInCell[][] {
  const out = rows.map((r) => {
    const copy = [...r];
    while (copy.length > 0 && copy.at(-1) === "") copy.pop();
    return copy;
  });
  while (out.length > 0 && out.at(-1)!.length === 0) out.pop();
  return out;
}
