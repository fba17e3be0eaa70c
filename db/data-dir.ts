import { chmodSync, lstatSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * The embedded database's files hold every secret Portico keeps: only their owner may read them
 * (directories 700, files 600). Existing data directories made under a permissive umask are fixed at
 * start, saying what changed; a path that cannot be fixed (owned by another user) stops the start.
 */
export function secureDataDir(dir: string): string[] {
  const changed: string[] = [];
  const visit = (target: string) => {
    const stat = lstatSync(target);
    if (stat.isSymbolicLink()) return;
    const mode = stat.mode & 0o777;
    // A socket (the lock) needs only its owner's bits, like a directory; it is never read as a file.
    const wanted = stat.isDirectory() || stat.isSocket() ? mode & 0o700 : mode & 0o600;
    if (mode !== wanted) {
      try {
        chmodSync(target, wanted);
      } catch (error) {
        throw new Error(
          `${target} is readable by other users (mode ${mode.toString(8)}) and cannot be made private: ${(error as Error).message}. Run \`chmod -R go-rwx ${dir}\` as its owner.`,
        );
      }
      changed.push(`${path.relative(dir, target) || "."} ${mode.toString(8)} → ${wanted.toString(8)}`);
    }
    if (stat.isDirectory()) for (const name of readdirSync(target)) visit(path.join(target, name));
  };
  visit(dir);
  return changed;
}

/** Files this process creates from now on are private too (PGlite adds files as the database grows). */
export function restrictUmask(): void {
  try {
    const previous = process.umask(0o077);
    process.umask(previous | 0o077);
  } catch {
    // Worker threads cannot change the umask; the directory's own 700 still keeps others out.
  }
}

export function describeChanges(dir: string, changed: string[]): string {
  const shown = changed.slice(0, 5).join(", ");
  const more = changed.length > 5 ? ` and ${changed.length - 5} more` : "";
  return `Portico made its data directory ${dir} private to its owner (directories 700, files 600): ${shown}${more}.`;
}
