import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { directories, type DirectoryRow } from "@/db/schema";
import { digestsEqual, sha256Hex } from "@/server/crypto/tokens";
import { ScimError } from "@/server/scim/errors";
import { recordEvent } from "@/server/services/events/record";
import { completePortalIntent } from "@/server/services/portal";
import { directoryWire } from "./access";

/** After this many bad tokens in a row the directory shows "invalid credentials" in the portal. */
export const invalidCredentialsThreshold = 5;

const unauthorized = () => new ScimError(401, "The bearer token is missing or not valid for this directory.");

/**
 * The directory's bearer token, compared as SHA-256 digests in constant time. A wrong token counts
 * against the directory (when it exists); the answer is the same 401 whether or not it exists.
 */
export async function authenticateScim(db: Db, directoryId: string, authorization: string | null): Promise<DirectoryRow> {
  const match = /^Bearer\s+(\S{1,512})$/i.exec(authorization?.trim() ?? "");
  if (!/^directory_[0-9A-Z]{26}$/.test(directoryId)) throw unauthorized();
  const [row] = await db.select().from(directories).where(eq(directories.id, directoryId));
  if (!row) throw unauthorized();
  if (!match || !digestsEqual(sha256Hex(match[1]!), row.tokenHash)) {
    await db
      .update(directories)
      .set({
        failedAuthCount: sql`${directories.failedAuthCount} + 1`,
        state: sql`case when ${directories.failedAuthCount} + 1 >= ${invalidCredentialsThreshold} then 'invalid_credentials' else ${directories.state} end`,
      })
      .where(eq(directories.id, directoryId));
    throw unauthorized();
  }
  return row;
}

export function needsSyncMark(row: DirectoryRow): boolean {
  return row.state !== "linked" || row.failedAuthCount > 0 || row.activatedAt === null;
}

/**
 * Runs inside the transaction of a successful SCIM request when the directory is not plainly linked:
 * the first one activates it (`dsync.activated`, and the portal's `dsync` intent completes); a good
 * request after bad tokens clears "invalid credentials".
 */
export async function markDirectorySynced(tx: DbOrTx, row: DirectoryRow, now: Date): Promise<void> {
  const [activated] = await tx
    .update(directories)
    .set({ state: "linked", activatedAt: now, failedAuthCount: 0, updatedAt: now })
    .where(and(eq(directories.id, row.id), sql`${directories.activatedAt} is null`))
    .returning();
  if (activated) {
    await recordEvent(tx, { event: "dsync.activated", organizationId: row.organizationId, data: { ...(await directoryWire(tx, activated)) }, at: now });
    await completePortalIntent(tx, row.organizationId, "dsync", now);
    return;
  }
  await tx
    .update(directories)
    .set({ state: "linked", failedAuthCount: 0 })
    .where(and(eq(directories.id, row.id), sql`(${directories.state} <> 'linked' or ${directories.failedAuthCount} > 0)`));
}
