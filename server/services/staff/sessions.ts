import { and, eq, gt, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { staffSessions } from "@/db/schema";
import { newToken, sha256Hex } from "@/server/crypto/tokens";
import { newId } from "@/server/ids";

/** A staff session lasts this long from sign-in, however active; the cookie's JWT lives as long. */
export const STAFF_SESSION_MS = 12 * 60 * 60_000;
// Writing last_seen_at on every request would turn each page view into a write; once a minute is enough to show activity.
const TOUCH_EVERY_MS = 60_000;

/** Opens a session for a staff member who just proved their password; returns the id for the cookie. */
export async function startStaffSession(db: DbOrTx, staffId: string, now = new Date()): Promise<string> {
  const token = newToken();
  await db.insert(staffSessions).values({
    id: newId("staff_session"),
    staffId,
    tokenHash: sha256Hex(token),
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + STAFF_SESSION_MS),
    createdAt: now,
  });
  return token;
}

/**
 * The staff id a live session belongs to, or null when it was ended or has expired. Every access
 * decision goes through this, so ending a session takes effect on the next request.
 */
export async function resolveStaffSession(db: DbOrTx, token: string, now = new Date()): Promise<string | null> {
  if (!token) return null;
  const [row] = await db
    .select({ id: staffSessions.id, staffId: staffSessions.staffId, lastSeenAt: staffSessions.lastSeenAt })
    .from(staffSessions)
    .where(and(eq(staffSessions.tokenHash, sha256Hex(token)), gt(staffSessions.expiresAt, now)));
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, row.id));
  }
  return row.staffId;
}

/** Sign-out: this one session ends, the member's others stay. */
export async function endStaffSession(db: DbOrTx, token: string): Promise<void> {
  await db.delete(staffSessions).where(eq(staffSessions.tokenHash, sha256Hex(token)));
}

/** Every session of one member ends: their role or password changed, or they were removed. */
export async function endStaffSessions(db: DbOrTx, staffId: string): Promise<void> {
  await db.delete(staffSessions).where(eq(staffSessions.staffId, staffId));
}

export async function pruneExpiredStaffSessions(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db.delete(staffSessions).where(lt(staffSessions.expiresAt, now)).returning({ id: staffSessions.id });
  return rows.length;
}
