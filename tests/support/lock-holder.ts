// Takes the data directory's lock in its own process and keeps it until killed (`tsx lock-holder.ts DIR`).
import { acquireDataDirLock, DataDirInUseError } from "../../db/lock";

try {
  await acquireDataDirLock(process.argv[2]!);
  process.stdout.write(`held ${process.pid}\n`);
  setInterval(() => {}, 1 << 30);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(error instanceof DataDirInUseError ? 3 : 1);
}
