import { and, asc, eq, notInArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { connections, idpCertificates, ssoSessions, type ConnectionRow } from "@/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/server/errors";
import { oidcConnectionTypes } from "@/server/oidc/types";
import { MetadataError, parseIdpMetadata, readCertificate, usableCertificates, type CertificateInfo } from "@/server/saml/metadata";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { completePortalIntent } from "@/server/services/portal";
import { parseInput } from "@/server/services/validate";
import { insertIdpCertificates } from "./connections";
import { describeCertificate, recordConnectionChange } from "./history";
import { connectionView, findConnection, type ConnectionView } from "./load";
import { announceRenewal, refreshConnectionMetadata, type MetadataRefreshOutcome } from "./metadata-refresh";
import { requireScope } from "@/server/services/scope";
import { beginSignIn } from "./sign-in";

/** The renewal screens reach the connection with the `certificate_renewal` intent as well as `sso`. */
const RENEWAL_INTENTS = ["certificate_renewal", "sso"] as const;

function renewalScope(ctx: ServiceContext): string | null {
  if (ctx.actor.type !== "portal") requireRole(ctx, "admin");
  return requireScope(ctx, { intent: RENEWAL_INTENTS });
}

function fail(field: string, code: string, message: string): never {
  throw new ValidationError([{ field, code, message }]);
}

/** The organization's SAML connections, each with its certificates (and which a Test sign-in has proved). */
export async function renewableConnections(ctx: ServiceContext): Promise<ConnectionView[]> {
  const organizationId = requireScope(ctx, { intent: RENEWAL_INTENTS });
  if (!organizationId) fail("organizationId", "organization_id_required", "is required");
  const rows = await ctx.db
    .select()
    .from(connections)
    .where(and(eq(connections.organizationId, organizationId), notInArray(connections.connectionType, [...oidcConnectionTypes])))
    .orderBy(asc(connections.createdAt));
  return Promise.all(rows.map((row) => connectionView(ctx.db, row)));
}

const addSchema = z.object({
  connectionId: z.string().min(1).max(100),
  certificate: z.string().min(1).max(20_000).optional(),
  metadataXml: z
    .string()
    .min(1)
    .max(1024 * 1024, "must be at most 1 MiB")
    .optional(),
});

function certificatesFrom(input: z.output<typeof addSchema>, entityId: string | null, now: Date): CertificateInfo[] {
  const field = input.metadataXml ? "metadataXml" : "certificate";
  try {
    if (input.metadataXml) {
      const metadata = parseIdpMetadata(input.metadataXml);
      if (entityId && metadata.entityId !== entityId)
        fail("metadataXml", "metadata_xml_other_idp", `this metadata is for ${metadata.entityId}, not this connection's IdP (${entityId})`);
      return usableCertificates(metadata.certificates, now);
    }
    return usableCertificates([readCertificate(input.certificate!)], now);
  } catch (error) {
    if (error instanceof MetadataError)
      fail(
        field,
        `${field === "certificate" ? "certificate" : "metadata_xml"}_${error.problem}`,
        `the ${field === "certificate" ? "certificate" : "metadata"} ${error.message}`,
      );
    throw error;
  }
}

/**
 * Step one of a renewal: the IdP's new certificate (pasted, or read from new metadata) is added beside the
 * old one, so sign-ins keep working whichever the IdP signs with until the old one is retired.
 */
export async function addIdpCertificate(ctx: ServiceContext, input: z.input<typeof addSchema>): Promise<ConnectionView> {
  const scope = renewalScope(ctx);
  const params = parseInput(addSchema, input);
  if (!params.certificate === !params.metadataXml)
    fail("certificate", "certificate_required", "paste the new certificate or upload the IdP's new metadata: one of them");
  const now = nowOf(ctx);
  const existing = await findConnection(ctx.db, scope, params.connectionId);
  if (existing.metadataSource === "url")
    fail("certificate", "certificate_from_metadata_url", "this connection reads its certificates from its metadata URL: fetch the metadata again instead");
  const given = certificatesFrom(params, existing.idpEntityId, now);
  return ctx.db.transaction(async (tx) => {
    const connection = await findConnection(tx, existing.organizationId, existing.id, { forUpdate: true });
    const stored = await tx
      .select({ fingerprint: idpCertificates.fingerprintSha256 })
      .from(idpCertificates)
      .where(and(eq(idpCertificates.organizationId, connection.organizationId), eq(idpCertificates.connectionId, connection.id)));
    const added = given.filter((c) => !stored.some((s) => s.fingerprint === c.fingerprint));
    if (added.length === 0)
      fail(params.metadataXml ? "metadataXml" : "certificate", "certificate_already_configured", "this certificate is already configured");
    if (stored.length + added.length > 10) fail("certificate", "too_many_certificates", "a connection holds at most 10 certificates: retire an old one first");
    await insertIdpCertificates(tx, connection, added, now);
    await recordCertificateChange(
      tx,
      ctx,
      connection,
      "certificate_added",
      `Certificate ${added.map(describeCertificate).join("; ")} added beside the current one`,
    );
    const newest = [...added].sort((a, b) => b.notAfter.getTime() - a.notAfter.getTime())[0]!;
    await announceRenewal(tx, connection, newest.notAfter, now);
    return connectionView(tx, connection);
  });
}

/** A connection configured from a metadata URL renews by fetching it again now (its rollover is kept). */
export async function refreshMetadataNow(ctx: ServiceContext, connectionId: string): Promise<MetadataRefreshOutcome> {
  const connection = await findConnection(ctx.db, renewalScope(ctx), connectionId);
  if (connection.metadataSource !== "url")
    fail("connectionId", "connection_has_no_metadata_url", "this connection has no metadata URL: upload the new certificate or metadata");
  return refreshConnectionMetadata(ctx.db, connection, nowOf(ctx), "a request from the certificate renewal screens");
}

/** Test sign-in for a renewal: the attempt comes back to the renewal screens with the certificate that verified it. */
export async function startCertificateTest(ctx: ServiceContext, connectionId: string) {
  const connection = await findConnection(ctx.db, renewalScope(ctx), connectionId);
  return beginSignIn(ctx.db, { connection, kind: "certificate_test", now: nowOf(ctx) });
}

export async function certificateTestResult(ctx: ServiceContext, sessionId: string) {
  const organizationId = requireScope(ctx, { intent: RENEWAL_INTENTS });
  const [row] = await ctx.db
    .select()
    .from(ssoSessions)
    .where(
      and(eq(ssoSessions.id, sessionId), eq(ssoSessions.kind, "certificate_test"), organizationId ? eq(ssoSessions.organizationId, organizationId) : undefined),
    );
  if (!row) throw new NotFoundError("test sign-in", sessionId);
  return {
    id: row.id,
    connectionId: row.connectionId,
    state: row.state,
    userEmail: row.userEmail,
    errorCode: row.errorCode,
    errorExplanation: row.errorExplanation,
    verifiedBy: row.verifiedBy,
  };
}

/**
 * The last step: the old certificate goes once a Test sign-in has verified with one that stays. Completes
 * the `certificate_renewal` intent (and revokes a setup link whose every feature is then done).
 */
export async function retireIdpCertificate(ctx: ServiceContext, input: { connectionId: string; certificateId: string }): Promise<ConnectionView> {
  const scope = renewalScope(ctx);
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const connection = await findConnection(tx, scope, input.connectionId, { forUpdate: true });
    const certificates = await tx
      .select()
      .from(idpCertificates)
      .where(and(eq(idpCertificates.organizationId, connection.organizationId), eq(idpCertificates.connectionId, connection.id)));
    const retiring = certificates.find((c) => c.id === input.certificateId);
    if (!retiring) throw new NotFoundError("certificate", input.certificateId);
    const staying = certificates.filter((c) => c.id !== retiring.id);
    if (!staying.some((c) => c.verifiedAt))
      throw new ConflictError(
        "certificate_not_verified",
        "Run Test sign-in first: a response must verify with the certificate that stays before the old one is retired.",
      );
    await tx.delete(idpCertificates).where(and(eq(idpCertificates.organizationId, connection.organizationId), eq(idpCertificates.id, retiring.id)));
    await recordCertificateChange(
      tx,
      ctx,
      connection,
      "certificate_retired",
      `Certificate ${describeCertificate({ ...retiring, fingerprint: retiring.fingerprintSha256 })} retired`,
    );
    await completePortalIntent(tx, connection.organizationId, "certificate_renewal", now);
    return connectionView(tx, connection);
  });
}

/** A change to a connection's certificates: the connection counts as updated, and its history and audit log say what changed. */
async function recordCertificateChange(
  tx: DbOrTx,
  ctx: ServiceContext,
  connection: ConnectionRow,
  kind: "certificate_added" | "certificate_retired",
  summary: string,
): Promise<void> {
  await tx
    .update(connections)
    .set({ updatedAt: nowOf(ctx) })
    .where(and(eq(connections.organizationId, connection.organizationId), eq(connections.id, connection.id)));
  await recordConnectionChange(tx, ctx, {
    organizationId: connection.organizationId,
    connectionId: connection.id,
    connectionName: connection.name,
    kind,
    summary,
  });
}
