import path from "node:path";
import { openPglite, openPostgres, type DbHandle } from "@/db/client";
import { freshDatabaseEnv } from "./server";

/**
 * A fresh database for a server under test that outlives the server, so a test can read what the
 * server stored once it has stopped (the embedded database admits one process at a time).
 */
export async function keptDatabase() {
  const database = await freshDatabaseEnv();
  return {
    env: database.env,
    /** Pass as `startServer({ database })`: stopping the server leaves the data in place. */
    forServer: { env: database.env, cleanup: async () => {} },
    open: (): Promise<DbHandle> =>
      database.env.DATABASE_URL ? openPostgres(database.env.DATABASE_URL, { max: 2 }) : openPglite(path.resolve(database.env.DATA_DIR!)),
    drop: database.cleanup,
  };
}
