import { randomBytes } from "node:crypto";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { createPostgresDatabase, insideTestRun, usingPostgres } from "./db";
import { cliBundlePath, cliThroughNpmDir, pgliteTemplateDir, projectRoot, testDataRoot } from "./paths";

export interface RunningServer {
  url: string;
  port: number;
  /** The first-run owner setup link the server printed, if it printed one. */
  setupUrl: string | null;
  /** What the server printed so far. */
  output: () => string;
  /** The database settings the server uses, for running the CLI against the same data. */
  databaseEnv: Record<string, string>;
  /** The edge server's process (the leader of its process group). */
  pid: number;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>;
  /** Stops the server; its database is dropped unless kept (to start another server on it). */
  stop: (options?: { keepDatabase?: boolean }) => Promise<void>;
  /** Ends the process at once, as a crash or `kill -9` would; the database stays. */
  kill: () => void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** A new, empty directory under .test-data, for a DATA_DIR (or anything else a test writes). */
export function emptyDataDir(prefix: string): string {
  mkdirSync(testDataRoot, { recursive: true });
  return mkdtempSync(path.join(testDataRoot, prefix));
}

/** A new DATA_DIR holding a migrated embedded database (a copy of the run's template), whatever database the run tests. */
export function migratedDataDir(prefix: string): string {
  const dir = emptyDataDir(prefix);
  cpSync(path.join(pgliteTemplateDir, "pglite"), path.join(dir, "pglite"), { recursive: true });
  return dir;
}

/**
 * A fresh database for a server under test: its own PGlite directory, or its own Postgres database.
 * Migrated already (a copy of the run's template) unless `empty`, for a test of a first migration; outside a
 * test run (a benchmark), empty, for the server or CLI to migrate.
 */
export async function freshDatabaseEnv(options: { empty?: boolean } = {}): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (usingPostgres) {
    const database = await createPostgresDatabase(undefined, { migrated: !options.empty });
    // With Postgres, Portico needs ENCRYPTION_KEY (it will not keep the key in the database it protects).
    return { env: { DATABASE_URL: database.url, ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? randomBytes(32).toString("hex") }, cleanup: database.drop };
  }
  const dir = options.empty || !insideTestRun ? emptyDataDir("server-") : migratedDataDir("server-");
  return { env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // One worker unless a test asks for more (tests/integration/operations-workers.test.ts): a test reads
  // one process's output and metrics.
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", WEB_CONCURRENCY: "1", ...extra };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  delete env.VITEST;
  return { ...env, ...extra };
}

/**
 * The command line for the operator CLI: each command's first run in a test run goes through
 * `npm run portico -- ...` exactly as an operator types it (always, with `npm`); later runs start the
 * same code bundled once by the global setup, under node with the npm script's conditions, which skips
 * npm and tsx (seconds per command on a busy machine).
 */
function cliCommandLine(args: string[], options: { npm?: boolean }): [string, string[]] {
  const npm: [string, string[]] = ["npm", ["run", "-s", "portico", "--", ...args]];
  if (!insideTestRun || !existsSync(cliBundlePath)) return npm;
  try {
    // Created by whichever test file runs the command first (exclusively, across the run's workers).
    closeSync(openSync(path.join(cliThroughNpmDir, encodeURIComponent(args[0] ?? "")), "wx"));
    return npm;
  } catch (error) {
    if (options.npm || (error as NodeJS.ErrnoException).code !== "EEXIST") return npm;
    return [process.execPath, ["--conditions=react-server", cliBundlePath, ...args]];
  }
}

/** Runs the operator CLI as a process of its own, as an operator would (see cliCommandLine). */
export function runCli(args: string[], env: Record<string, string>, options: { npm?: boolean } = {}) {
  const [command, commandArgs] = cliCommandLine(args, options);
  const result = spawnSync(command, commandArgs, {
    cwd: projectRoot,
    env: baseEnv(env),
    encoding: "utf8",
    // A first command migrates a fresh embedded database: seconds on a quiet machine, far more on a busy one.
    timeout: 180_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same, without blocking this process: for a CLI command that calls a server the test itself runs
 * (spawnSync would stop that server from answering).
 */
export function runCliAsync(
  args: string[],
  env: Record<string, string>,
  options: { npm?: boolean } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const [command, commandArgs] = cliCommandLine(args, options);
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: projectRoot, env: baseEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), 120_000);
    child.once("error", reject);
    child.once("exit", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/**
 * Starts the built app through the edge server, as `npm start` does, on a free port with its own database,
 * and waits until it has migrated and printed its first-run message.
 */
export async function startServer(
  options: {
    env?: Record<string, string>;
    database?: Awaited<ReturnType<typeof freshDatabaseEnv>>;
    port?: number;
    keepDatabase?: boolean;
    /** Node options for the server process (a benchmark's `--cpu-prof`). */
    nodeArgs?: string[];
  } = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const database = options.database ?? (await freshDatabaseEnv());
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(projectRoot, "server", "http", "serve.mjs")], {
    cwd: projectRoot,
    env: baseEnv({ NODE_ENV: "production", PORT: String(port), PUBLIC_URL: url, ...database.env, ...options.env }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  while (!/Portico is running|Portico could not start/.test(output)) {
    if (child.exitCode !== null) throw new Error(`Server exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`Server did not start in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (/could not start/.test(output)) throw new Error(`Server failed to start:\n${output}`);
  const setupUrl = /(http:\/\/\S+\/invite\/\S+)/.exec(output)?.[1] ?? null;
  return {
    url,
    port,
    setupUrl,
    output: () => output,
    databaseEnv: database.env,
    pid: child.pid!,
    exited,
    kill: () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    },
    stop: async (stopOptions = {}) => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        try {
          process.kill(-child.pid!, "SIGTERM");
        } catch {
          // Already gone.
        }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      if (!stopOptions.keepDatabase && !options.keepDatabase) await database.cleanup();
    },
  };
}
