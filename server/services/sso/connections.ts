import { and, eq, exists, inArray } from "drizzle-orm";
import { recordOwnChange } from "@/server/services/audit-logs/own-changes";
import type { DbOrTx } from "@/db/client";
import { connections, idpCertificates, organizationDomains, type ConnectionRow } from "@/db/schema";
import { newId } from "@/server/ids";
import { providers, providerForConnectionType } from "@/server/saml/providers";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { recordEvent } from "@/server/services/events/record";
import { findOrganizationRow } from "@/server/services/organizations/load";
import { paginate, type Page } from "@/server/services/pagination";
import { markIntentStarted } from "@/server/services/portal";
import { parseInput } from "@/server/services/validate";
import type { ConnectionEventData, ConnectionTypeWire } from "@/server/wire/events";
import { ValidationError } from "@/server/errors";
import { oidcProviderFor } from "@/server/oidc/providers";
import { isOidcConnectionType } from "@/server/oidc/types";
import { describeCertificate, recordConnectionChange } from "./history";
import { resolveIdpConfig, type ResolvedIdpConfig } from "./idp-config";
import { oidcConfigFields, resolveOidcConfig, type OidcConfigInput } from "./oidc-config";
import { connectionView, findConnection, type ConnectionView } from "./load";
import {
  createConnectionSchema,
  listConnectionsSchema,
  updateConnectionSchema,
  type CreateConnectionInput,
  type ListConnectionsInput,
  type UpdateConnectionInput,
} from "./schemas";
import { requireScope } from "@/server/services/scope";

export async function storeIdpConfig(tx: DbOrTx, row: { id: string; organizationId: string }, config: ResolvedIdpConfig, now: Date) {
  await tx.delete(idpCertificates).where(and(eq(idpCertificates.organizationId, row.organizationId), eq(idpCertificates.connectionId, row.id)));
  await insertIdpCertificates(tx, row, config.certificates, now);
}

/** Adds IdP signing certificates to a connection (beside any it holds). */
export async function insertIdpCertificates(
  tx: DbOrTx,
  row: { id: string; organizationId: string },
  certificates: ResolvedIdpConfig["certificates"],
  now: Date,
): Promise<void> {
  if (certificates.length === 0) return;
  await tx.insert(idpCertificates).values(
    certificates.map((c) => ({
      id: newId("idp_cert"),
      organizationId: row.organizationId,
      connectionId: row.id,
      pem: c.pem,
      fingerprintSha256: c.fingerprint,
      subject: c.subject,
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      createdAt: now,
    })),
  );
}

function configColumns(config: ResolvedIdpConfig, now: Date) {
  return {
    metadataFetchedAt: config.metadataSource === "url" ? now : null,
    metadataError: null,
    metadataSource: config.metadataSource,
    metadataUrl: config.metadataUrl,
    metadataXml: config.metadataXml,
    idpEntityId: config.idpEntityId,
    idpSsoUrl: config.idpSsoUrl,
    idpSsoBinding: config.idpSsoBinding,
  };
}

function changeTarget(row: ConnectionRow) {
  return { organizationId: row.organizationId, connectionId: row.id, connectionName: row.name };
}

function configuredChange(row: ConnectionRow, config: ResolvedIdpConfig) {
  const source =
    config.metadataSource === "url" ? `the metadata URL ${config.metadataUrl}` : config.metadataSource === "xml" ? "a metadata file" : "values entered by hand";
  const certificates = config.certificates.map(describeCertificate).join("; ");
  return { ...changeTarget(row), kind: "configured" as const, summary: `IdP configured from ${source}. Certificates: ${certificates}` };
}

function hasOidcFields(params: OidcConfigInput): boolean {
  return Object.keys(oidcConfigFields).some((k) => params[k as keyof OidcConfigInput] !== undefined);
}

/**
 * Creates a SAML or OIDC connection (a draft until its first successful test sign-in). The same verb serves
 * the portal, the dashboard and `POST /connections`; the IdP side may come later through update.
 */
export async function createConnection(ctx: ServiceContext, input: CreateConnectionInput): Promise<ConnectionView> {
  // Staff viewers cannot change connections; IT admins change their own organization's.
  const organizationId = requireScope(ctx, { intent: "sso", role: "admin" }) ?? input.organizationId;
  if (!organizationId) throw new ValidationError([{ field: "organizationId", code: "organization_id_required", message: "is required" }]);
  const params = parseInput(createConnectionSchema, input);
  const provider = params.provider ? providers[params.provider] : providerForConnectionType(params.connectionType ?? "GenericSAML");
  const now = nowOf(ctx);
  const connectionType = params.connectionType ?? provider.connectionType;
  const oidc = isOidcConnectionType(connectionType);
  if (!oidc && hasOidcFields(params))
    throw new ValidationError([
      {
        field: "connectionType",
        code: "connection_type_not_oidc",
        message: `${connectionType} is a SAML type: OIDC settings need GenericOIDC, OktaOIDC, EntraIdOIDC or GoogleOIDC`,
      },
    ]);
  const config = oidc ? null : await resolveIdpConfig(params, now);
  const oidcColumns = oidc ? await resolveOidcConfig(params, null) : null;
  // Through the API the integrator configures the connection in one call: usable at once, as with
  // WorkOS. The portal and dashboard keep the Test sign-in step before a connection signs anyone in.
  const activeAtOnce = ctx.actor.type === "apiKey" && Boolean(config ?? oidcColumns);
  return ctx.db.transaction(async (tx) => {
    const organization = await findOrganizationRow(tx, organizationId);
    const id = newId("conn");
    const [row] = await tx
      .insert(connections)
      .values({
        id,
        organizationId,
        name: params.name ?? `${organization.name} ${oidc ? (oidcProviderFor(connectionType)?.label ?? "OIDC") : provider.label}`,
        connectionType,
        state: activeAtOnce ? "active" : "draft",
        attributeMapping: oidc ? { ...params.attributeMapping } : { ...provider.mapping, ...params.attributeMapping },
        allowIdpInitiated: params.allowIdpInitiated ?? false,
        allowSha1: params.allowSha1 ?? false,
        allowUnsignedAssertion: params.allowUnsignedAssertion ?? false,
        clockSkewSeconds: params.clockSkewSeconds ?? 180,
        ...(config ? configColumns(config, now) : {}),
        ...(oidcColumns ?? {}),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (config) {
      await storeIdpConfig(tx, row!, config, now);
      await recordConnectionChange(tx, ctx, configuredChange(row!, config));
    }
    if (activeAtOnce) await recordEvent(tx, "connection.activated", await connectionEventData(tx, row!), organizationId, now);
    await markIntentStarted(tx, organizationId, "sso", now);
    return connectionView(tx, row!);
  });
}

export async function updateConnection(ctx: ServiceContext, id: string, input: UpdateConnectionInput): Promise<ConnectionView> {
  const scope = requireScope(ctx, { intent: "sso", role: "admin" });
  const params = parseInput(updateConnectionSchema, input);
  const now = nowOf(ctx);
  const existing = await findConnection(ctx.db, scope, id);
  const oidc = isOidcConnectionType(existing.connectionType);
  if (!oidc && hasOidcFields(params))
    throw new ValidationError([
      { field: "oidcDiscoveryEndpoint", code: "connection_type_not_oidc", message: "this is a SAML connection: it takes no OIDC settings" },
    ]);
  const config = oidc ? null : await resolveIdpConfig(params, now);
  const oidcColumns = oidc ? await resolveOidcConfig(params, existing) : null;
  return ctx.db.transaction(async (tx) => {
    const current = await findConnection(tx, existing.organizationId, id, { forUpdate: true });
    // An API-made draft becomes usable once the API gives its configuration (as on create).
    const activates = ctx.actor.type === "apiKey" && current.state === "draft" && Boolean(config ?? oidcColumns);
    const [row] = await tx
      .update(connections)
      .set({
        ...(params.name ? { name: params.name } : {}),
        ...(params.attributeMapping ? { attributeMapping: { ...current.attributeMapping, ...params.attributeMapping } } : {}),
        ...(params.allowIdpInitiated !== undefined ? { allowIdpInitiated: params.allowIdpInitiated } : {}),
        ...(params.allowSha1 !== undefined ? { allowSha1: params.allowSha1 } : {}),
        ...(params.allowUnsignedAssertion !== undefined ? { allowUnsignedAssertion: params.allowUnsignedAssertion } : {}),
        ...(params.clockSkewSeconds !== undefined ? { clockSkewSeconds: params.clockSkewSeconds } : {}),
        ...(config ? configColumns(config, now) : {}),
        ...(oidcColumns ?? {}),
        ...(activates ? { state: "active" as const } : {}),
        updatedAt: now,
      })
      .where(and(eq(connections.organizationId, current.organizationId), eq(connections.id, id)))
      .returning();
    if (config) await storeIdpConfig(tx, row!, config, now);
    await recordConnectionChange(
      tx,
      ctx,
      config
        ? configuredChange(row!, config)
        : { ...changeTarget(row!), kind: "configured", summary: oidcColumns ? "OIDC settings changed" : "Settings changed" },
    );
    if (activates) await recordEvent(tx, "connection.activated", await connectionEventData(tx, row!), row!.organizationId, now);
    return connectionView(tx, row!);
  });
}

export async function getConnection(ctx: ServiceContext, id: string): Promise<ConnectionView> {
  const row = await findConnection(ctx.db, requireScope(ctx, { intent: "sso" }), id);
  return connectionView(ctx.db, row);
}

/** "Reset connection" and `DELETE /connections/:id`: the configuration, certificates and sessions go together. */
export async function deleteConnection(ctx: ServiceContext, id: string): Promise<void> {
  const scope = requireScope(ctx, { intent: "sso", role: "admin" });
  await ctx.db.transaction(async (tx) => {
    const row = await findConnection(tx, scope, id, { forUpdate: true });
    const data = await connectionEventData(tx, row, { withExternalKey: false });
    await tx.delete(connections).where(and(eq(connections.organizationId, row.organizationId), eq(connections.id, id)));
    await recordEvent(tx, "connection.deleted", data, row.organizationId, nowOf(ctx));
    await recordOwnChange(tx, ctx, {
      organizationId: row.organizationId,
      action: "portico.connection.deleted",
      target: { id, type: "connection", name: row.name },
    });
  });
}

/**
 * `connection.*` data: the Connection with its organization's domains (the SDK requires `domains`);
 * WorkOS adds `external_key` on activated/deactivated only. Portico has no separate key: the id serves.
 */
export async function connectionEventData(db: DbOrTx, row: ConnectionRow, options: { withExternalKey?: boolean } = {}): Promise<ConnectionEventData> {
  const domains = await db
    .select({ id: organizationDomains.id, domain: organizationDomains.domain })
    .from(organizationDomains)
    .where(eq(organizationDomains.organizationId, row.organizationId))
    .orderBy(organizationDomains.id);
  return {
    object: "connection",
    id: row.id,
    organization_id: row.organizationId,
    name: row.name,
    // Only providers' types are ever stored (the create schema's enum).
    connection_type: row.connectionType as ConnectionTypeWire,
    state: row.state,
    domains: domains.map((d) => ({ object: "connection_domain" as const, id: d.id, domain: d.domain })),
    ...(options.withExternalKey === false ? {} : { external_key: row.id }),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function listConnections(ctx: ServiceContext, input: ListConnectionsInput): Promise<Page<ConnectionRow>> {
  const params = parseInput(listConnectionsSchema, input);
  const organizationId = requireScope(ctx, { intent: "sso" }) ?? params.organizationId ?? null;
  const domain = params.domain?.trim().toLowerCase();
  const where = and(
    organizationId ? eq(connections.organizationId, organizationId) : undefined,
    params.connectionType ? eq(connections.connectionType, params.connectionType) : undefined,
    domain
      ? exists(
          ctx.db
            .select({ one: organizationDomains.id })
            .from(organizationDomains)
            .where(and(eq(organizationDomains.organizationId, connections.organizationId), inArray(organizationDomains.domain, [domain]))),
        )
      : undefined,
  );
  return paginate(connections.id, params, where, (w, orderBy, limit) => ctx.db.select().from(connections).where(w).orderBy(orderBy).limit(limit));
}
