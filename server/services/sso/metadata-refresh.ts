import { insertIdpCertificates } from "./connections";
import { and, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connections, idpCertificates, type ConnectionRow } from "@/db/schema";
import { env } from "@/server/env";
import type { JobOutcome } from "@/server/jobs/runner";
import { logger } from "@/server/observability/logger";
import { fetchMetadata } from "@/server/saml/fetch-metadata";
import { MetadataError, parseIdpMetadata, usableCertificates, type CertificateInfo } from "@/server/saml/metadata";
import type { ServiceContext } from "@/server/services/context";
import { recordEvent } from "@/server/services/events/record";
import { enqueueJob } from "@/server/services/jobs/queue";
import { describeCertificate, recordConnectionChange } from "./history";
import { certificatesOf, findConnection } from "./load";

export const METADATA_REFRESH_JOB = "sso.metadata.refresh";
/** A metadata URL is fetched again once a day; the job looks for due connections every hour. */
const METADATA_REFRESH_EVERY_MS = 24 * 3600_000;
const POLL_EVERY_MS = 3600_000;
/** An unknown key in a response may fetch the metadata at once, but an anonymous ACS post may not make Portico fetch in a loop. */
const UNKNOWN_KEY_REFETCH_GAP_MS = 5 * 60_000;

export type MetadataRefreshOutcome =
  | { kind: "unchanged" }
  | { kind: "changed"; added: CertificateInfo[]; removed: { fingerprint: string; subject: string; notAfter: Date }[]; summary: string }
  | { kind: "failed"; message: string };

/** One queued refresh job for the installation (the dedupe key), however many instances start. */
export function scheduleMetadataRefresh(db: Db, runAt = new Date()): Promise<void> {
  return enqueueJob(db, { kind: METADATA_REFRESH_JOB, payload: {}, runAt, dedupeKey: METADATA_REFRESH_JOB });
}

/** The job: every connection configured from a metadata URL whose last fetch is a day old, one by one. */
export async function runMetadataRefresh(db: Db, _payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  const due = await db
    .select()
    .from(connections)
    .where(
      and(
        eq(connections.metadataSource, "url"),
        or(isNull(connections.metadataFetchedAt), lte(connections.metadataFetchedAt, new Date(now.getTime() - METADATA_REFRESH_EVERY_MS))),
      ),
    );
  for (const connection of due) {
    try {
      await refreshConnectionMetadata(db, connection, now, "daily refresh");
    } catch (error) {
      // One connection's problem must not hold up the others; its next run tries again.
      logger().warn({ connection: connection.id, error: (error as Error).message }, "metadata refresh failed");
    }
  }
  return { runAgainAt: new Date(now.getTime() + POLL_EVERY_MS) };
}

/**
 * A response signed by a key the connection does not know: the IdP may have rotated. Fetches the metadata
 * at once, at most once per connection every few minutes (claimed in the database, so instances agree).
 * True when the fetch brought a certificate the connection did not have: the response is worth checking again.
 */
export async function refreshAfterUnknownKey(db: Db, connection: ConnectionRow, now: Date): Promise<boolean> {
  if (connection.metadataSource !== "url" || !connection.metadataUrl) return false;
  const claimed = await db
    .update(connections)
    .set({ metadataUnknownKeyFetchAt: now })
    .where(
      and(
        eq(connections.organizationId, connection.organizationId),
        eq(connections.id, connection.id),
        or(isNull(connections.metadataUnknownKeyFetchAt), lte(connections.metadataUnknownKeyFetchAt, new Date(now.getTime() - UNKNOWN_KEY_REFETCH_GAP_MS))),
      ),
    )
    .returning({ id: connections.id });
  if (claimed.length === 0) return false;
  const outcome = await refreshConnectionMetadata(db, connection, now, "a response signed by an unknown key");
  return outcome.kind === "changed" && outcome.added.length > 0;
}

async function fetchAndRead(url: string, now: Date) {
  const xml = await fetchMetadata(url, { allowPrivate: env().OUTBOUND_ALLOW_PRIVATE_ADDRESSES });
  const metadata = parseIdpMetadata(xml);
  return { xml, metadata, certificates: usableCertificates(metadata.certificates, now) };
}

/**
 * Fetches a connection's metadata URL again and applies what changed: every certificate it lists is kept
 * (both, during a rollover), ones it no longer lists go, and a new signing certificate is announced with
 * `connection.saml_certificate_renewed`. Each change lands in the connection's history and the audit log.
 */
export async function refreshConnectionMetadata(db: Db, connection: ConnectionRow, now: Date, reason: string): Promise<MetadataRefreshOutcome> {
  if (connection.metadataSource !== "url" || !connection.metadataUrl) return { kind: "unchanged" };
  const ctx: ServiceContext = { db, actor: { type: "system", reason: `metadata refresh after ${reason}` }, now: () => now };
  let fetched: Awaited<ReturnType<typeof fetchAndRead>>;
  try {
    fetched = await fetchAndRead(connection.metadataUrl, now);
  } catch (error) {
    if (!(error instanceof MetadataError)) throw error;
    return recordFailure(ctx, connection, `The metadata URL ${error.message}`, now);
  }
  return db.transaction(async (tx) => {
    const current = await findConnection(tx, connection.organizationId, connection.id, { forUpdate: true });
    // Reconfigured by hand meanwhile: the URL no longer speaks for this connection.
    if (current.metadataSource !== "url" || current.metadataUrl !== connection.metadataUrl) return { kind: "unchanged" as const };
    const stored = await certificatesOf(tx, current);
    const listed = new Set(fetched.certificates.map((c) => c.fingerprint));
    const known = new Set(stored.map((c) => c.fingerprintSha256));
    const added = fetched.certificates.filter((c) => !known.has(c.fingerprint));
    const removed = stored.filter((c) => !listed.has(c.fingerprintSha256));
    const { metadata } = fetched;
    const changes: string[] = [];
    if (metadata.entityId !== current.idpEntityId) changes.push(`entity ID ${current.idpEntityId ?? "(none)"} → ${metadata.entityId}`);
    if (metadata.ssoUrl !== current.idpSsoUrl) changes.push(`SSO URL ${current.idpSsoUrl ?? "(none)"} → ${metadata.ssoUrl}`);
    for (const c of added) changes.push(`certificate ${describeCertificate(c)} added`);
    for (const c of removed) changes.push(`certificate ${describeCertificate({ ...c, fingerprint: c.fingerprintSha256 })} no longer listed, removed`);
    await tx
      .update(connections)
      .set({
        metadataXml: fetched.xml,
        idpEntityId: metadata.entityId,
        idpSsoUrl: metadata.ssoUrl,
        idpSsoBinding: metadata.binding,
        metadataFetchedAt: now,
        metadataError: null,
        ...(changes.length ? { updatedAt: now } : {}),
      })
      .where(and(eq(connections.organizationId, current.organizationId), eq(connections.id, current.id)));
    if (changes.length === 0) return { kind: "unchanged" as const };
    if (removed.length)
      await tx.delete(idpCertificates).where(
        and(
          eq(idpCertificates.organizationId, current.organizationId),
          inArray(
            idpCertificates.id,
            removed.map((c) => c.id),
          ),
        ),
      );
    await insertIdpCertificates(tx, current, added, now);
    const summary = `Metadata fetched again (${reason}): ${changes.join("; ")}`;
    await recordConnectionChange(tx, ctx, {
      organizationId: current.organizationId,
      connectionId: current.id,
      connectionName: current.name,
      kind: "metadata_refreshed",
      summary,
      details: { added: added.map((c) => c.fingerprint), removed: removed.map((c) => c.fingerprintSha256) },
    });
    const newest = [...added].sort((a, b) => b.notAfter.getTime() - a.notAfter.getTime())[0];
    if (newest && stored.length > 0) await announceRenewal(tx, current, newest.notAfter, now);
    return {
      kind: "changed" as const,
      added,
      removed: removed.map((c) => ({ fingerprint: c.fingerprintSha256, subject: c.subject, notAfter: c.notAfter })),
      summary,
    };
  });
}

/** `connection.saml_certificate_renewed` for a new IdP signing certificate. */
export function announceRenewal(tx: Parameters<typeof recordEvent>[0], connection: ConnectionRow, expiry: Date, now: Date): Promise<void> {
  return recordEvent(
    tx,
    "connection.saml_certificate_renewed",
    {
      connection: { id: connection.id, organization_id: connection.organizationId },
      certificate: { certificate_type: "ResponseSigning", expiry_date: expiry.toISOString() },
      renewed_at: now.toISOString(),
    },
    connection.organizationId,
    now,
  );
}

async function recordFailure(ctx: ServiceContext, connection: ConnectionRow, message: string, now: Date): Promise<MetadataRefreshOutcome> {
  await ctx.db.transaction(async (tx) => {
    const current = await findConnection(tx, connection.organizationId, connection.id, { forUpdate: true });
    await tx
      .update(connections)
      .set({ metadataFetchedAt: now, metadataError: message })
      .where(and(eq(connections.organizationId, current.organizationId), eq(connections.id, current.id)));
    // A URL that keeps failing is one line in the history, not one a day.
    if (current.metadataError !== message)
      await recordConnectionChange(tx, ctx, {
        organizationId: current.organizationId,
        connectionId: current.id,
        connectionName: current.name,
        kind: "metadata_refresh_failed",
        summary: `${message}. The certificates already configured stay in use.`,
      });
  });
  return { kind: "failed", message };
}
