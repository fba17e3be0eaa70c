import { and, desc, eq, isNull, lt, notInArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { ssoSessions, type ConnectionRow } from "@/db/schema";
import { env } from "@/server/env";
import { hitRateLimit } from "@/server/services/rate-limit";

/**
 * The ACS answers anyone, so what one anonymous POST can store is bounded: the decoded response is kept
 * up to 64 KiB (enough for any real response's debugging), a connection keeps its last 100 failed
 * attempts that answered no request of ours, and every attempt goes after 30 days.
 */
export const MAX_STORED_RESPONSE_BYTES = 64 * 1024;
export const KEPT_FAILED_UNSOLICITED_ATTEMPTS = 100;
const SSO_SESSION_RETENTION_DAYS = 30;
/** Responses per minute to one connection that answer no open request (IdP-initiated or junk). */
export const UNSOLICITED_RESPONSES_PER_CONNECTION_PER_MINUTE = 600;

export function storedResponse(xml: string | null): { responseXml: string | null; responseTruncated: boolean } {
  if (xml === null) return { responseXml: null, responseTruncated: false };
  const bytes = Buffer.from(xml, "utf8");
  if (bytes.byteLength <= MAX_STORED_RESPONSE_BYTES) return { responseXml: xml, responseTruncated: false };
  // A cut inside a multi-byte character decodes to U+FFFD: drop it rather than store a made-up character.
  return {
    responseXml: bytes
      .subarray(0, MAX_STORED_RESPONSE_BYTES)
      .toString("utf8")
      .replace(/\uFFFD+$/, ""),
    responseTruncated: true,
  };
}

/** Every POST counts against its client address, before anything else is read. */
export function limitAcsClient(db: DbOrTx, clientAddress: string, now: Date): Promise<void> {
  return hitRateLimit(db, `acs:client:${clientAddress}`, env().ACS_RATE_LIMIT_PER_MINUTE, 60_000, now);
}

/**
 * A response that answers no open request also counts against its connection. One that answers a
 * request Portico issued never does, so a flood of junk cannot stop real sign-ins.
 */
export function limitUnsolicitedResponses(db: DbOrTx, connectionId: string, now: Date): Promise<void> {
  return hitRateLimit(db, `acs:unsolicited:${connectionId}`, UNSOLICITED_RESPONSES_PER_CONNECTION_PER_MINUTE, 60_000, now);
}

/** Keeps the connection's newest failed attempts that answered no request; older ones go. */
export async function trimFailedUnsolicitedAttempts(tx: DbOrTx, connection: ConnectionRow): Promise<void> {
  // Concurrent posts each trim after their own insert: one at a time per connection (until commit), so the
  // next trim's statement sees the rows the previous one kept and the count never settles above the cap.
  await tx.execute(sql`select pg_advisory_xact_lock(7301, hashtext(${connection.id}))`);
  const scope = and(
    eq(ssoSessions.organizationId, connection.organizationId),
    eq(ssoSessions.connectionId, connection.id),
    isNull(ssoSessions.requestId),
    eq(ssoSessions.state, "failed"),
  );
  const kept = tx
    .select({ id: ssoSessions.id })
    .from(ssoSessions)
    .where(scope)
    .orderBy(desc(ssoSessions.createdAt), desc(ssoSessions.id))
    .limit(KEPT_FAILED_UNSOLICITED_ATTEMPTS);
  await tx.delete(ssoSessions).where(and(scope, notInArray(ssoSessions.id, kept)));
}

/** Forgets sign-in attempts older than the retention period (run by the retention job). */
export async function purgeOldSsoSessions(db: DbOrTx, now: Date): Promise<number> {
  const purged = await db
    .delete(ssoSessions)
    .where(lt(ssoSessions.createdAt, new Date(now.getTime() - SSO_SESSION_RETENTION_DAYS * 86_400_000)))
    .returning({ id: ssoSessions.id });
  return purged.length;
}
