import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { acquireDataDirLock } from "./lock";
import { pgliteExtensions } from "./pglite-extensions";

/**
 * Backups of the embedded database: PGlite's own data-directory dump (a gzipped tarball of the
 * Postgres files), taken while no server has the directory open. PGlite has a single process per
 * directory, so the lock file is what tells "in use" apart from "stopped".
 */
export async function backupDataDir(dataDir: string, outFile: string): Promise<number> {
  const dir = path.resolve(dataDir);
  const target = path.join(dir, "pglite");
  if (!existsSync(target)) throw new Error(`There is no embedded database in ${dir} (DATA_DIR) to back up.`);
  const release = await acquireDataDirLock(dir);
  try {
    const client = await PGlite.create(target, { extensions: pgliteExtensions });
    try {
      const dump = Buffer.from(await (await client.dumpDataDir("gzip")).arrayBuffer());
      // The dump carries hashed tokens and encrypted secrets: owner-only, like the data directory.
      writeFileSync(outFile, dump, { mode: 0o600 });
      chmodSync(outFile, 0o600);
      return dump.byteLength;
    } finally {
      await client.close();
    }
  } finally {
    release();
  }
}

/** Loads a dump into a data directory that holds no database yet; never over an existing one. */
export async function restoreDataDir(dataDir: string, inFile: string): Promise<void> {
  const dir = path.resolve(dataDir);
  const target = path.join(dir, "pglite");
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new Error(`${dir} (DATA_DIR) already holds a database. Restore into a new, empty data directory, or move this one aside first.`);
  }
  const dump = readFileSync(inFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const release = await acquireDataDirLock(dir);
  try {
    const client = await PGlite.create(target, { extensions: pgliteExtensions, loadDataDir: new Blob([dump]) });
    await client.close();
  } finally {
    release();
  }
}
