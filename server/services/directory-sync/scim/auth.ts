import { and, eq, lt, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { directories, organizationDomains, type DirectoryRow } from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import { digestsEqual, sha256Hex } from "@/server/crypto/tokens";
import { RateLimitedError } from "@/server/errors";
import { ScimError } from "@/server/scim/errors";
import { recordEvent } from "@/server/services/events/record";
import { completePortalIntent } from "@/server/services/portal";
import { countFailure, refuseWhenLimited } from "@/server/services/failure-limit";
import { directoryActivatedEventData } from "@/server/wire/directory-sync";

/** After this many bad tokens in a row the directory shows "invalid credentials" in the portal. */
const invalidCredentialsThreshold = 5;

/**
 * Bad tokens answered 401 per minute, for one directory (from anyone) and for one client (to any
 * directory). Past either, a bad token gets 429 after one read: nothing is written, and the directory
 * row is not touched. Only failures count, and the token is checked first, so the IdP's real token keeps
 * working however hard someone hammers the directory with wrong ones.
 */
export const BAD_TOKENS_PER_DIRECTORY = 20;
const BAD_TOKENS_PER_CLIENT = 50;
const BAD_TOKEN_WINDOW_MS = 60_000;

const unauthorized = () => new ScimError(401, "The bearer token is missing or not valid for this directory.");

function bearerToken(authorization: string | null): string | null {
  return /^Bearer\s+(\S{1,512})$/i.exec(authorization?.trim() ?? "")?.[1] ?? null;
}

/**
 * Directories this process authenticated lately. A row from here is never trusted on its own: the
 * write that uses it carries `directoryUnchanged(row)` in its own statement, so a rotated token, a
 * changed attribute map or group filter, or bad tokens seen by another instance make that statement
 * do nothing, and the request starts over against the database. It saves the IdP's hottest request
 * (user create) a round trip without letting an old token work a moment longer.
 */
const recent = ((globalThis as { __porticoScimDirectories?: Map<string, DirectoryRow> }).__porticoScimDirectories ??= new Map());
const maxRecent = 1000;

function remember(row: DirectoryRow): void {
  recent.delete(row.id);
  recent.set(row.id, row);
  if (recent.size > maxRecent) recent.delete(recent.keys().next().value!);
}

/** The remembered row when the token matches it and nothing is pending for it; else null (ask the database). */
export function recentDirectory(directoryId: string, authorization: string | null): DirectoryRow | null {
  const token = bearerToken(authorization);
  const row = recent.get(directoryId);
  if (!token || !row || needsSyncMark(row) || !digestsEqual(sha256Hex(token), row.tokenHash)) return null;
  return row;
}

/**
 * True (in SQL, over `directories`) while the database still holds what `row` says: same token, same
 * settings (every change to them moves `updated_at`), linked, no bad tokens since.
 */
export function directoryUnchanged(row: DirectoryRow): SQL {
  return and(
    eq(directories.id, row.id),
    eq(directories.tokenHash, row.tokenHash),
    sql`date_trunc('milliseconds', ${directories.updatedAt}) = ${row.updatedAt.toISOString()}::timestamptz`,
    eq(directories.state, "linked"),
    eq(directories.failedAuthCount, 0),
  )!;
}

/** A statement guarded by `directoryUnchanged` found the remembered row out of date. */
export class StaleDirectoryError extends Error {
  constructor(directoryId: string) {
    super(`directory ${directoryId} changed since this process read it`);
    recent.delete(directoryId);
  }
}

/**
 * The directory's bearer token, compared as SHA-256 digests in constant time, before any limit is
 * looked at. A wrong token counts against the directory (when it exists) and the client; the answer is
 * the same 401 whether or not the directory exists, and 429 past either limit.
 */
export async function authenticateScim(ctx: ServiceContext, directoryId: string, authorization: string | null, client: string): Promise<DirectoryRow> {
  const { db } = ctx;
  const token = bearerToken(authorization);
  if (!/^directory_[0-9A-Z]{26}$/.test(directoryId)) throw unauthorized();
  const [row] = await db.select().from(directories).where(eq(directories.id, directoryId));
  if (row && token && digestsEqual(sha256Hex(token), row.tokenHash)) {
    remember(row);
    return row;
  }
  return refuseBadToken(db, row, client);
}

async function refuseBadToken(db: Db, row: DirectoryRow | undefined, client: string): Promise<never> {
  const now = new Date();
  const limits = [{ key: `scim_bad_token:client:${client}`, limit: BAD_TOKENS_PER_CLIENT }];
  if (row) limits.push({ key: `scim_bad_token:directory:${row.id}`, limit: BAD_TOKENS_PER_DIRECTORY });
  try {
    await refuseWhenLimited(db, limits, BAD_TOKEN_WINDOW_MS, now);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    throw new ScimError(
      429,
      "Too many requests with a bad bearer token. Check the token configured at the identity provider.",
      undefined,
      error.retryAfterSeconds,
    );
  }
  await countFailure(
    db,
    limits.map((l) => l.key),
    BAD_TOKEN_WINDOW_MS,
    now,
  );
  // The count stops at the threshold: past it the state says all there is to say, and the row is left alone.
  if (row && row.failedAuthCount < invalidCredentialsThreshold) {
    // Only a write makes a remembered row stale; a refusal that changes nothing leaves the IdP's fast path alone.
    recent.delete(row.id);
    await db
      .update(directories)
      .set({
        failedAuthCount: sql`${directories.failedAuthCount} + 1`,
        state: sql`case when ${directories.failedAuthCount} + 1 >= ${invalidCredentialsThreshold} then 'invalid_credentials' else ${directories.state} end`,
      })
      .where(and(eq(directories.id, row.id), lt(directories.failedAuthCount, invalidCredentialsThreshold)));
  }
  throw unauthorized();
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
    const domains = await tx
      .select({ id: organizationDomains.id, domain: organizationDomains.domain })
      .from(organizationDomains)
      .where(eq(organizationDomains.organizationId, row.organizationId))
      .orderBy(organizationDomains.id);
    await recordEvent(tx, "dsync.activated", directoryActivatedEventData(activated, domains), row.organizationId, now);
    await completePortalIntent(tx, row.organizationId, "dsync", now);
    return;
  }
  await tx
    .update(directories)
    .set({ state: "linked", failedAuthCount: 0 })
    .where(and(eq(directories.id, row.id), sql`(${directories.state} <> 'linked' or ${directories.failedAuthCount} > 0)`));
}
