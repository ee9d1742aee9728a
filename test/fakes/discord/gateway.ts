import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import zlib from "node:zlib";
import { type WebSocket, WebSocketServer } from "ws";
import type { World } from "./state.ts";
import type { EventInput } from "./types.ts";
import { Intent, type Json, PRIVILEGED_INTENTS, randomToken } from "./util.ts";

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

export const Close = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

export interface GatewaySession {
  id: string;
  intents: number;
  seq: number;
  /** Every dispatch of the session, for RESUME replay. */
  sent: { s: number; text: string }[];
  conn: Connection | null;
}

interface Connection {
  ws: WebSocket;
  session: GatewaySession | null;
  deflate: zlib.Deflate | null;
  deflated: Buffer[];
}

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  allowedPrivilegedIntents: number;
  emit: (event: EventInput) => void;
}

/**
 * The gateway side of the fake: JSON encoding, optional `compress=zlib-stream` (node:zlib, one deflate
 * context per connection, each payload ended with a Z_SYNC_FLUSH like Discord), sessions with RESUME replay.
 */
export class FakeGateway {
  readonly wss = new WebSocketServer({ noServer: true });
  readonly sessions = new Map<string, GatewaySession>();
  private readonly connections = new Set<Connection>();

  constructor(
    private readonly world: World,
    private readonly opts: GatewayOptions,
  ) {}

  get url(): string {
    return this.world.baseUrl.replace(/^http/, "ws");
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://localhost");
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url.searchParams));
  }

  private onConnection(ws: WebSocket, params: URLSearchParams): void {
    const compress = params.get("compress");
    const conn: Connection = {
      ws,
      session: null,
      deflate: compress === "zlib-stream" ? zlib.createDeflate({ chunkSize: 65535 }) : null,
      deflated: [],
    };
    conn.deflate?.on("data", (chunk: Buffer) => conn.deflated.push(chunk));
    this.connections.add(conn);
    ws.on("close", (code, reason) => this.onClose(conn, code, reason.toString()));
    ws.on("error", () => {});
    if (params.get("v") !== "10") {
      ws.close(Close.InvalidApiVersion, "Invalid API version");
      return;
    }
    if ((params.get("encoding") ?? "json") !== "json" || (compress !== null && compress !== "zlib-stream")) {
      ws.close(Close.DecodeError, "Error while decoding payload.");
      return;
    }
    ws.on("message", (data, isBinary) => this.onMessage(conn, data as Buffer, isBinary));
    this.send(conn, {
      op: Op.Hello,
      d: { heartbeat_interval: this.opts.heartbeatIntervalMs, _trace: ["fake-gateway"] },
    });
  }

  private send(conn: Connection, payload: Json | string): void {
    const text = typeof payload === "string" ? payload : JSON.stringify(payload);
    const { ws, deflate } = conn;
    if (!deflate) {
      if (ws.readyState === ws.OPEN) ws.send(text);
      return;
    }
    deflate.write(text);
    deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
      const chunk = Buffer.concat(conn.deflated);
      conn.deflated = [];
      if (ws.readyState === ws.OPEN && chunk.length > 0) ws.send(chunk);
    });
  }

  private onMessage(conn: Connection, data: Buffer, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error("binary frames are not accepted from clients");
      payload = JSON.parse(data.toString("utf8"));
    } catch {
      conn.ws.close(Close.DecodeError, "Error while decoding payload.");
      return;
    }
    const d = (payload.d ?? null) as Json | null;
    switch (payload.op) {
      case Op.Heartbeat:
        this.opts.emit({ type: "heartbeat", lastSequence: typeof payload.d === "number" ? payload.d : null });
        this.send(conn, { op: Op.HeartbeatAck });
        return;
      case Op.Identify:
        this.identify(conn, d ?? {});
        return;
      case Op.Resume:
        this.resume(conn, d ?? {});
        return;
    }
    if (!conn.session) {
      conn.ws.close(Close.NotAuthenticated, "Not authenticated.");
      return;
    }
    switch (payload.op) {
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
        return;
      case Op.RequestGuildMembers:
        this.requestGuildMembers(conn.session, d ?? {});
        return;
      default:
        conn.ws.close(Close.UnknownOpcode, "Unknown opcode.");
    }
  }

  private identify(conn: Connection, d: Json): void {
    if (conn.session) {
      conn.ws.close(Close.AlreadyAuthenticated, "Already authenticated.");
      return;
    }
    if (d.token !== this.opts.token) {
      conn.ws.close(Close.AuthenticationFailed, "Authentication failed.");
      return;
    }
    if (typeof d.intents !== "number" || d.intents < 0 || d.intents >= 1 << 26) {
      conn.ws.close(Close.InvalidIntents, "Invalid intent(s).");
      return;
    }
    const intents = d.intents;
    if (intents & PRIVILEGED_INTENTS & ~this.opts.allowedPrivilegedIntents) {
      conn.ws.close(Close.DisallowedIntents, "Disallowed intent(s).");
      return;
    }
    const session: GatewaySession = { id: randomToken(16), intents, seq: 0, sent: [], conn };
    conn.session = session;
    this.sessions.set(session.id, session);
    this.opts.emit({ type: "identify", intents, compress: d.compress === true });
    const world = this.world;
    this.dispatchTo(session, "READY", {
      v: 10,
      user: { ...world.userJson(world.botUser), verified: true, mfa_enabled: false, email: null },
      guilds: [...world.guilds.values()].map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: "normal",
      resume_gateway_url: this.url,
      shard: Array.isArray(d.shard) ? d.shard : [0, 1],
      application: { id: world.applicationId, flags: 0 },
      user_settings: {},
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ["fake"],
      auth: {},
      _trace: ["fake-gateway"],
    });
    this.opts.emit({ type: "ready", sessionId: session.id });
    for (const guild of world.guilds.values()) {
      this.dispatchTo(
        session,
        "GUILD_CREATE",
        world.guildCreateJson(guild, (intents & Intent.GuildMembers) !== 0),
      );
    }
  }

  private resume(conn: Connection, d: Json): void {
    const session = typeof d.session_id === "string" ? this.sessions.get(d.session_id) : undefined;
    if (d.token !== this.opts.token) {
      conn.ws.close(Close.AuthenticationFailed, "Authentication failed.");
      return;
    }
    if (
      !session ||
      (session.conn && session.conn !== conn && session.conn.ws.readyState === session.conn.ws.OPEN)
    ) {
      this.send(conn, { op: Op.InvalidSession, d: false });
      return;
    }
    const from = typeof d.seq === "number" ? d.seq : 0;
    session.conn = conn;
    conn.session = session;
    const missed = session.sent.filter((p) => p.s > from);
    for (const p of missed) this.send(conn, p.text);
    this.dispatchTo(session, "RESUMED", { _trace: ["fake-gateway"] });
    this.opts.emit({ type: "resumed", sessionId: session.id, replayed: missed.length });
  }

  private requestGuildMembers(session: GatewaySession, d: Json): void {
    const guild = typeof d.guild_id === "string" ? this.world.guilds.get(d.guild_id) : undefined;
    if (!guild) return;
    const ids = Array.isArray(d.user_ids)
      ? (d.user_ids as string[])
      : typeof d.user_ids === "string"
        ? [d.user_ids]
        : null;
    const query = typeof d.query === "string" ? d.query.toLowerCase() : "";
    if (!ids && !(session.intents & Intent.GuildMembers)) {
      session.conn?.ws.close(Close.DisallowedIntents, "Disallowed intent(s).");
      return;
    }
    const limit = typeof d.limit === "number" && d.limit > 0 ? d.limit : Number.POSITIVE_INFINITY;
    const members = [...guild.members.values()]
      .filter((m) =>
        ids ? ids.includes(m.userId) : this.world.user(m.userId).username.toLowerCase().startsWith(query),
      )
      .slice(0, limit);
    this.dispatchTo(session, "GUILD_MEMBERS_CHUNK", {
      guild_id: guild.id,
      members: members.map((m) =>
        this.world.memberJson(guild, m, { withUser: true, withPermissions: false }),
      ),
      chunk_index: 0,
      chunk_count: 1,
      not_found: ids ? ids.filter((id) => !guild.members.has(id)) : [],
      ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
    });
  }

  private onClose(conn: Connection, code: number, reason: string): void {
    this.connections.delete(conn);
    conn.deflate?.close();
    this.opts.emit({ type: "gatewayClosed", code, reason });
    const session = conn.session;
    if (session && session.conn === conn) {
      session.conn = null;
      // A client closing with 1000/1001 ends its session: Discord will not let it resume.
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    }
  }

  /** Sends a dispatch to one session (buffered for RESUME if it is disconnected). */
  dispatchTo(session: GatewaySession, t: string, d: Json): number {
    session.seq += 1;
    const text = JSON.stringify({ op: Op.Dispatch, t, s: session.seq, d });
    session.sent.push({ s: session.seq, text });
    if (session.conn) this.send(session.conn, text);
    this.opts.emit({ type: "dispatch", event: t, s: session.seq });
    return session.seq;
  }

  /**
   * Sends an event to every live session. `build` returns the payload for a session (or a reason string to
   * skip it, e.g. a missing intent). Throws if no bot is connected: a test dispatching into the void is a bug.
   */
  dispatch(t: string, build: (session: GatewaySession) => Json | string): void {
    if (this.sessions.size === 0) {
      throw new Error(`FakeDiscord: cannot dispatch ${t}: no gateway session (is the client logged in?)`);
    }
    for (const session of this.sessions.values()) {
      const d = build(session);
      if (typeof d === "string") this.opts.emit({ type: "dispatchSkipped", event: t, reason: d });
      else this.dispatchTo(session, t, d);
    }
  }

  hasSession(): boolean {
    return this.sessions.size > 0;
  }

  /** op 7: the client should reconnect and RESUME. */
  requestReconnect(): void {
    for (const conn of this.connections) this.send(conn, { op: Op.Reconnect, d: null });
  }

  /** op 9: session invalid; `resumable` false forgets the sessions so the client must IDENTIFY again. */
  invalidateSessions(resumable: boolean): void {
    for (const conn of this.connections) {
      if (!resumable && conn.session) this.sessions.delete(conn.session.id);
      this.send(conn, { op: Op.InvalidSession, d: resumable });
    }
  }

  /** Drops every socket without a close frame (network failure); sessions stay resumable. */
  dropConnections(): void {
    for (const conn of this.connections) conn.ws.terminate();
  }

  closeConnections(code: number, reason = ""): void {
    for (const conn of this.connections) conn.ws.close(code, reason);
  }

  async close(): Promise<void> {
    for (const conn of this.connections) conn.ws.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
