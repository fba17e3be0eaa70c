import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, symlinkSync, unlinkSync } from "node:fs";
import { createConnection, createServer, type Server } from "node:net";
import { hostname, tmpdir } from "node:os";
import path from "node:path";

interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: Partial<LockHolder>,
  ) {
    const who = holder.pid
      ? `process ${holder.pid} (${holder.command ?? "unknown command"}${holder.host && holder.host !== hostname() ? ` on ${holder.host}` : ""}, since ${holder.since ?? "an unknown time"})`
      : "another process";
    super(
      `The data directory ${dataDir} is in use by ${who}. The embedded database allows one process at a time: stop that process, or set DATABASE_URL to use Postgres.`,
    );
    this.name = "DataDirInUseError";
  }
}

/**
 * The lock is a Unix domain socket in the data directory, listened on by the process that holds it.
 * The kernel closes it when that process dies, however it dies: a connect then fails, so a crashed
 * holder never blocks a restart (a PID file cannot tell a dead holder from a new process that reuses
 * its PID, as in a container restarted after `kill -9`), and a live holder answers whatever its host.
 *
 * Each attempt binds a new name (`portico.<n>.sock`, one above the highest there): `bind` refuses a
 * name that exists, so no one unlinks a socket another process may have just bound. After binding, the
 * claimant probes every other socket; it holds the lock only if none of them answers.
 */
const SOCKET = /^portico\.(\d+)\.sock$/;
// sun_path holds 108 bytes on Linux and 104 on macOS, terminator included.
const MAX_SOCKET_PATH = 103;
const PROBE_TIMEOUT_MS = 2000;
const ATTEMPTS = 25;

/** `claiming`: bound but still checking for other claimants; such a socket may yet step back. */
type Reply = Partial<LockHolder> & { claiming?: boolean };
type Probe = { live: false } | { live: true; holder: Reply };

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/**
 * Where the sockets are reached: the directory itself, or, when its path leaves too little room for a
 * socket name, a symlink to it in the temporary directory (ours alone: /tmp's sticky bit keeps others
 * from replacing it, and we check it points where it should).
 */
function socketDirFor(dir: string): string {
  const longest = path.join(dir, "portico.9999999999.sock");
  if (Buffer.byteLength(longest) <= MAX_SOCKET_PATH) return dir;
  const real = realpathSync(dir);
  const link = path.join(tmpdir(), `portico-${createHash("sha256").update(real).digest("hex").slice(0, 20)}`);
  try {
    symlinkSync(real, link, "dir");
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw new Error(`Cannot create ${link} to reach the lock of ${dir}: ${(error as Error).message}`);
  }
  const stat = lstatSync(link);
  if (!stat.isSymbolicLink() || (process.getuid && stat.uid !== process.getuid()) || readlinkSync(link) !== real) {
    throw new Error(`${link} exists but is not this process's link to ${real}. Remove it, or use a shorter DATA_DIR path.`);
  }
  if (Buffer.byteLength(path.join(link, "portico.9999999999.sock")) > MAX_SOCKET_PATH) {
    throw new Error(
      `The path of DATA_DIR (${dir}) and of the temporary directory (${tmpdir()}) are too long for the lock's socket. Use a shorter DATA_DIR or TMPDIR.`,
    );
  }
  return link;
}

function generations(dir: string): number[] {
  return readdirSync(dir)
    .map((name) => SOCKET.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

const socketName = (generation: number) => `portico.${generation}.sock`;

/** Connects to a socket: refused (or gone) means its holder is dead; anything that accepts is alive. */
function probe(socketPath: string): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let reply = "";
    let connected = false;
    const done = (result: Probe) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const holder = (): Reply => {
      try {
        return JSON.parse(reply) as Reply;
      } catch {
        return {};
      }
    };
    // A holder that accepts but cannot answer (stopped, busy) is still alive.
    const timer = setTimeout(() => done({ live: true, holder: holder() }), PROBE_TIMEOUT_MS);
    socket.setEncoding("utf8");
    socket.on("connect", () => (connected = true));
    socket.on("data", (chunk: string) => (reply += chunk).length > 4096 && done({ live: true, holder: {} }));
    socket.on("end", () => done({ live: true, holder: holder() }));
    socket.on("error", (error) => {
      clearTimeout(timer);
      socket.destroy();
      const code = errorCode(error);
      if (!connected && (code === "ECONNREFUSED" || code === "ENOENT")) resolve({ live: false });
      else if (connected) resolve({ live: true, holder: holder() });
      else reject(new Error(`Cannot check the lock ${socketPath}: ${error.message}`));
    });
  });
}

/** Binds and listens, or returns null when the name was taken first. */
function listen(socketPath: string, holder: () => Reply): Promise<Server | null> {
  const server = createServer((connection) => {
    // A prober that hangs up early must not take the holder down with an unhandled EPIPE.
    connection.on("error", () => {});
    connection.end(JSON.stringify(holder()));
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error) => (errorCode(error) === "EADDRINUSE" ? resolve(null) : reject(error)));
    server.listen(socketPath, () => {
      server.on("error", () => {});
      server.unref();
      resolve(server);
    });
  });
}

function unlinkIfSame(file: string, ino: number | undefined) {
  try {
    if (ino === undefined || statSync(file).ino === ino) unlinkSync(file);
  } catch {
    // Gone already.
  }
}

const backoff = (attempt: number) => new Promise((r) => setTimeout(r, 5 + Math.random() * 40 * (attempt + 1)));

/** Takes the data directory's lock or throws DataDirInUseError. Returns the release function. */
export async function acquireDataDirLock(dir: string): Promise<() => void> {
  const socketDir = socketDirFor(dir);
  const mine: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: process.argv
      .slice(1)
      .map((a) => path.basename(a))
      .join(" ")
      .slice(0, 200),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const existing = generations(dir);
    let contended = false;
    for (const generation of [...existing].reverse()) {
      const found = await probe(path.join(socketDir, socketName(generation)));
      if (found.live && !found.holder.claiming) throw new DataDirInUseError(dir, found.holder);
      if (found.live) contended = true;
    }
    if (contended) {
      await backoff(attempt);
      continue;
    }
    const generation = (existing.at(-1) ?? 0) + 1;
    const socketPath = path.join(socketDir, socketName(generation));
    let claiming = true;
    const server = await listen(socketPath, () => ({ ...mine, claiming }));
    if (!server) continue;
    let ino: number;
    try {
      ino = statSync(socketPath).ino;
    } catch {
      // Removed by a claimant that probed it before it listened; that claimant will see this one and step back, or hold.
      server.close();
      continue;
    }
    const others = generations(dir).filter((g) => g !== generation);
    const probes = await Promise.all(others.map(async (g) => ({ g, ...(await probe(path.join(socketDir, socketName(g)))) })));
    if (probes.some((p) => p.live)) {
      // Another claimant got there too: both step back, and the next round finds whoever stayed.
      server.close();
      unlinkIfSame(socketPath, ino);
      await backoff(attempt);
      continue;
    }
    claiming = false;
    // A socket that did not answer belongs to a dead process (it can never answer again), or to a claimant
    // between bind and listen, which will find this one when it checks and step back.
    for (const p of probes) unlinkIfSame(path.join(dir, socketName(p.g)), undefined);
    unlinkIfSame(path.join(dir, "portico.lock"), undefined);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off("exit", release);
      server.close();
      unlinkIfSame(socketPath, ino);
    };
    process.once("exit", release);
    return release;
  }
  throw new Error(`Could not take the lock on ${dir}: other processes kept claiming it at the same time.`);
}
