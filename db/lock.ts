import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; command: string; since: string },
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}). ` +
        `The embedded database allows one process at a time: stop that process, or set DATABASE_URL to use Postgres.`,
    );
    this.name = "DataDirInUseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the data directory's lock file or throws DataDirInUseError. Returns the release function. */
export function acquireDataDirLock(dir: string): () => void {
  const lockPath = path.join(dir, "portico.lock");
  const mine = {
    pid: process.pid,
    host: hostname(),
    command: process.argv.slice(1).map((a) => path.basename(a)).join(" ").slice(0, 200),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(readFileSync(lockPath, "utf8")) as { pid: number };
          if (current.pid === process.pid) unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: typeof mine | undefined;
      try {
        holder = JSON.parse(readFileSync(lockPath, "utf8")) as typeof mine;
      } catch {
        holder = undefined;
      }
      const stale = !holder || (holder.host === mine.host && holder.pid !== process.pid && !isAlive(holder.pid));
      if (holder && !stale) throw new DataDirInUseError(dir, holder);
      // The holder died without cleaning up: take over.
      try {
        unlinkSync(lockPath);
      } catch {
        // Another process removed it first; the next attempt settles who wins.
      }
    }
  }
  throw new Error(`Could not take the lock on ${dir}`);
}
