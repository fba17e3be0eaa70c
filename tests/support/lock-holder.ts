// Takes the data directory's lock in its own process and keeps it until killed
// (`node --import tsx lock-holder.ts DIR [START_AT_MS]`; several holders given one START_AT race for real).
import { acquireDataDirLock, DataDirInUseError } from "../../db/lock";

const startAt = Number(process.argv[3] ?? 0);
if (startAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
try {
  await acquireDataDirLock(process.argv[2]!);
  process.stdout.write(`held ${process.pid}\n`);
  setInterval(() => {}, 1 << 30);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(error instanceof DataDirInUseError ? 3 : 1);
}
