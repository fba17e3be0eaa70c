import { chmodSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";

/** Where a running server with the embedded database answers backup requests. */
export function backupSocketPath(dataDir: string): string {
  return path.join(path.resolve(dataDir), "portico.sock");
}

type DumpingHandle = { dumpDataDir?: () => Promise<Blob> };
const holder = () => (globalThis as { __porticoDb?: { promise?: Promise<DumpingHandle> } }).__porticoDb;

async function databaseOpened(withinMs: number): Promise<boolean> {
  for (const deadline = Date.now() + withinMs; Date.now() < deadline; ) {
    const opened = await holder()?.promise?.catch(() => null);
    if (opened) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/**
 * The embedded database admits one process, so a backup of a running server must come from that server.
 * It answers on a Unix socket inside DATA_DIR, mode 600 in a 700 directory: only the account that
 * could read the data files anyway can ask, and nothing on the network can. Returns null when the
 * path is too long for a socket (the CLI then says the directory is in use).
 */
export async function listenForBackups(dataDir: string, onError: (message: string) => void): Promise<Server | null> {
  const socketPath = backupSocketPath(dataDir);
  // The app opens the database (and takes the lock) while it starts; the socket belongs to the lock holder.
  if (!(await databaseOpened(120_000))) return null;
  if (Buffer.byteLength(socketPath) > 100) {
    onError(`DATA_DIR path too long for the backup socket (${socketPath}): backups need the server stopped`);
    return null;
  }
  // This process holds the data directory's lock, so a socket file left here is a dead server's.
  rmSync(socketPath, { force: true });
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" || req.url !== "/backup") {
      res.writeHead(404).end();
      return;
    }
    try {
      const handle = await holder()?.promise;
      if (!handle?.dumpDataDir) throw new Error("the database is not open");
      const dump = Buffer.from(await (await handle.dumpDataDir()).arrayBuffer());
      res.writeHead(200, { "Content-Type": "application/gzip", "Content-Length": dump.byteLength, "X-Portico-Pid": String(process.pid) });
      res.end(dump);
    } catch (error) {
      res.writeHead(503, { "Content-Type": "text/plain" }).end((error as Error).message);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return server;
}
