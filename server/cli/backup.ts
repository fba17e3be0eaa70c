import { existsSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { backupDataDir, restoreDataDir } from "@/db/backup";
import { DataDirInUseError } from "@/db/lock";
import { backupSocketPath } from "@/server/http/backup-socket";
import { env } from "@/server/env";

export const backupUsage = `  backup --out FILE                       write the embedded database (DATA_DIR) to FILE (from the running
                                          server when there is one)
  restore --in FILE                       load FILE into a new, empty DATA_DIR; then start the server`;

const postgresAdvice =
  'With DATABASE_URL (Postgres), back up with Postgres\'s own tools: `pg_dump --format=custom --file=portico.dump "$DATABASE_URL"`, ' +
  'restore with `pg_restore --no-owner --dbname="$DATABASE_URL" portico.dump` into an empty database. Keep ENCRYPTION_KEY with the backup\'s records (not in it).';

function keyReminder(dataDir: string): string {
  const keyFile = path.join(path.resolve(dataDir), "encryption.key");
  return (
    `Secrets in the backup (SAML SP private keys and other secrets Portico reads back) are encrypted: reading them back needs ` +
    (env().ENCRYPTION_KEY
      ? `the same ENCRYPTION_KEY as now.`
      : `the key file ${keyFile} (or the same ENCRYPTION_KEY). The backup does not contain it: keep a copy of that file, apart from the backup.`)
  );
}

export async function backup(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: "string" } } });
  if (!values.out) throw new Error("backup needs --out FILE");
  const config = env();
  if (config.DATABASE_URL) throw new Error(postgresAdvice);
  let bytes: number;
  let source = "";
  try {
    bytes = await backupDataDir(config.DATA_DIR, values.out);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    const socket = backupSocketPath(config.DATA_DIR);
    // A server that holds the directory answers on its socket; anything else holding it is only reported.
    const dump = existsSync(socket) ? await askRunningServer(socket).catch(() => null) : null;
    if (!dump) throw new Error(`${error.message} It did not answer a backup request on ${socket}: stop it, then run the backup again.`);
    writeFileSync(values.out, dump.bytes, { mode: 0o600 });
    bytes = dump.bytes.byteLength;
    source = ` from the running server (process ${dump.pid})`;
  }
  console.error(`Backup of ${path.resolve(config.DATA_DIR)}${source} written to ${values.out} (${bytes} bytes).\n${keyReminder(config.DATA_DIR)}`);
}

export async function restore(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { in: { type: "string" } } });
  if (!values.in) throw new Error("restore needs --in FILE");
  const config = env();
  if (config.DATABASE_URL) throw new Error(postgresAdvice);
  if (!existsSync(values.in)) throw new Error(`No backup file at ${values.in}.`);
  await restoreDataDir(config.DATA_DIR, values.in);
  const keyFile = path.join(path.resolve(config.DATA_DIR), "encryption.key");
  const keyNote =
    config.ENCRYPTION_KEY || existsSync(keyFile)
      ? keyReminder(config.DATA_DIR)
      : `Before starting the server, copy encryption.key from the old data directory to ${keyFile}, or set ENCRYPTION_KEY to the key in use when the backup was taken: without it, SAML connections cannot sign anyone in.`;
  console.error(`Restored ${values.in} into ${path.resolve(config.DATA_DIR)}. The server applies any newer migrations when it starts.\n${keyNote}`);
}

function askRunningServer(socketPath: string): Promise<{ bytes: Buffer; pid: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: "/backup", method: "GET", timeout: 120_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        if (res.statusCode === 200) resolve({ bytes: Buffer.concat(chunks), pid: String(res.headers["x-portico-pid"] ?? "?") });
        else reject(new Error(Buffer.concat(chunks).toString("utf8")));
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("the server took too long")));
    req.on("error", reject);
    req.end();
  });
}
