import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { connections, directories, organizations, polisImportItems, type PolisImportKind } from "@/db/schema";
import { encryptSecret } from "@/server/crypto/secrets";
import { ValidationError, describeFieldErrors } from "@/server/errors";
import { newId } from "@/server/ids";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { createDirectory, scimBaseUrl } from "@/server/services/directory-sync";
import { createOrganization } from "@/server/services/organizations";
import { recordEvent } from "@/server/services/events/record";
import { connectionEventData, storeIdpConfig } from "@/server/services/sso/connections";
import { resolveIdpConfig } from "@/server/services/sso/idp-config";
import { OIDC_SECRET_PURPOSE } from "@/server/services/sso/oidc-policy";
import { oidcRedirectUri, sharedAcsUrl, spEndpoints } from "@/server/services/sso";
import type { PolisConnection, PolisDirectory, PolisOidcConnection, PolisSamlConnection } from "./polis-client";
import {
  connectionName,
  defaultPortalName,
  directoryTypeOf,
  fingerprintOf,
  idpMetadataXml,
  oidcTypeOf,
  providerOf,
  samlProviderOf,
  tenantKey,
} from "./polis-map";
import { tenantOutcome, type ConnectionReport, type DirectoryReport, type ImportOutcome, type TenantReport } from "./polis-report";

export interface TenantSource {
  tenant: string;
  product: string;
  connections: PolisConnection[];
  directories: PolisDirectory[];
}

interface Mapped {
  targetId: string;
  fingerprint: string;
}

async function mapped(tx: DbOrTx, kind: PolisImportKind, sourceKey: string): Promise<Mapped | null> {
  const [row] = await tx
    .select()
    .from(polisImportItems)
    .where(and(eq(polisImportItems.kind, kind), eq(polisImportItems.sourceKey, sourceKey)));
  return row ?? null;
}

async function remember(
  tx: DbOrTx,
  item: { kind: PolisImportKind; sourceKey: string; organizationId: string; targetId: string; fingerprint: string },
  now: Date,
) {
  await tx
    .insert(polisImportItems)
    .values({ ...item, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [polisImportItems.kind, polisImportItems.sourceKey],
      set: { organizationId: item.organizationId, targetId: item.targetId, fingerprint: item.fingerprint, updatedAt: now },
    });
}

/** Polis's SP identity as this connection had it, when Portico can answer there; else null. */
export function keptSpIdentity(record: PolisSamlConnection, polisSp: { entityId: string; acsUrl: string } | null) {
  const acsUrl = record.acsUrlOverride || polisSp?.acsUrl;
  const entityId = record.samlAudienceOverride || polisSp?.entityId;
  return acsUrl && entityId && acsUrl === sharedAcsUrl() ? { acsUrl, entityId } : null;
}

class Rollback extends Error {}

/**
 * Imports one Polis tenant+product into one organization, in one transaction: a tenant is imported
 * whole or not at all. A dry run does the same work and rolls it back, so its plan is exactly the run's.
 */
export async function importTenant(
  ctx: ServiceContext,
  source: TenantSource,
  options: { dryRun: boolean; polisSp: { entityId: string; acsUrl: string } | null; tokens: boolean },
): Promise<TenantReport> {
  const name = defaultPortalName(source.tenant, source.product);
  let report: TenantReport | undefined;
  try {
    await ctx.db.transaction(async (tx) => {
      const txCtx: ServiceContext = { ...ctx, db: tx as unknown as Db };
      const now = nowOf(ctx);
      const key = tenantKey(source.tenant, source.product);
      const previous = await mapped(tx, "organization", key);
      const [existing] = previous
        ? await tx.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, previous.targetId))
        : [];
      let organizationId = existing?.id;
      const orgOutcome: ImportOutcome = organizationId ? "unchanged" : "created";
      if (!organizationId) {
        // Polis signs in any email its IdP vouches for: the organization keeps that until domains are added.
        organizationId = (await createOrganization(txCtx, { name, allowProfilesOutsideOrganization: true })).id;
        await remember(tx, { kind: "organization", sourceKey: key, organizationId, targetId: organizationId, fingerprint: fingerprintOf(key) }, now);
      }
      const connectionReports: ConnectionReport[] = [];
      for (const connection of source.connections) connectionReports.push(await importConnection(tx, organizationId, connection, options, now));
      const directoryReports: DirectoryReport[] = [];
      for (const directory of source.directories) directoryReports.push(await importDirectory(txCtx, tx, organizationId, directory, options, now));
      const dry = options.dryRun;
      report = {
        tenant: source.tenant,
        product: source.product,
        organizationId: dry && orgOutcome === "created" ? null : organizationId,
        organizationName: existing?.name ?? name,
        outcome: tenantOutcome(orgOutcome, [...connectionReports, ...directoryReports]),
        error: null,
        connections: dry ? connectionReports.map((c) => (c.outcome === "created" ? { ...c, connectionId: null } : c)) : connectionReports,
        directories: dry
          ? directoryReports.map((d) => (d.outcome === "created" ? { ...d, directoryId: null, scimBaseUrl: null, bearerToken: undefined } : d))
          : directoryReports,
      };
      if (dry) throw new Rollback();
    });
  } catch (error) {
    if (error instanceof Rollback && report) return report;
    const message = error instanceof ValidationError ? describeFieldErrors(error.errors) : error instanceof Error ? error.message : String(error);
    return {
      tenant: source.tenant,
      product: source.product,
      organizationId: null,
      organizationName: name,
      outcome: "failed",
      error: message,
      connections: [],
      directories: [],
    };
  }
  return report!;
}

async function importConnection(
  tx: DbOrTx,
  organizationId: string,
  connection: PolisConnection,
  options: { polisSp: { entityId: string; acsUrl: string } | null },
  now: Date,
): Promise<ConnectionReport> {
  if (connection.kind === "invalid") throw new Error(`connection ${connection.record.clientID}: ${connection.problem}`);
  const record = connection.record;
  const kept = connection.kind === "saml" ? keptSpIdentity(connection.record, options.polisSp) : null;
  const fingerprint = fingerprintOf({ record, kept });
  const previous = await mapped(tx, "connection", record.clientID);
  const [current] = previous
    ? await tx
        .select()
        .from(connections)
        .where(and(eq(connections.organizationId, organizationId), eq(connections.id, previous.targetId)))
    : [];
  const base = { polisClientId: record.clientID, protocol: connection.kind, notes: [] as string[] };
  const outcome: ImportOutcome = current ? (previous!.fingerprint === fingerprint ? "unchanged" : "updated") : "created";
  let id = current?.id ?? newId("conn");
  if (outcome !== "unchanged") {
    const columns = connection.kind === "saml" ? await samlColumns(connection.record, kept, now) : oidcColumns(connection.record);
    const values = { ...columns.row, state: record.deactivated ? ("inactive" as const) : ("active" as const), updatedAt: now };
    if (current)
      await tx
        .update(connections)
        .set(values)
        .where(and(eq(connections.organizationId, organizationId), eq(connections.id, id)));
    else {
      const [row] = await tx
        .insert(connections)
        .values({ id, organizationId, ...values, createdAt: now })
        .returning();
      id = row!.id;
      if (row!.state === "active") await recordEvent(tx, "connection.activated", await connectionEventData(tx, row!), organizationId, now);
    }
    if (columns.idp) await storeIdpConfig(tx, { id, organizationId }, columns.idp, now);
    await remember(tx, { kind: "connection", sourceKey: record.clientID, organizationId, targetId: id, fingerprint }, now);
  }
  const notes = base.notes;
  if (record.deactivated) notes.push("deactivated in Polis: imported inactive");
  const redirects = Array.isArray(record.redirectUrl) ? record.redirectUrl : record.redirectUrl ? [record.redirectUrl] : [];
  if (redirects.length) notes.push(`Polis allowed redirects to ${redirects.join(", ")}: Portico's SSO callback allowlist is under Settings → Redirects`);
  if (connection.kind === "saml") {
    const own = spEndpoints(id);
    return {
      ...base,
      name: connectionName(record, "SAML"),
      outcome,
      connectionId: id,
      notes,
      signIn: kept ? { kind: "kept", ...kept } : { kind: "idp_change", acsUrl: own.acsUrl, entityId: own.entityId, metadataUrl: own.metadataUrl },
    };
  }
  return {
    ...base,
    name: connectionName(record, "OIDC"),
    outcome,
    connectionId: id,
    notes,
    signIn: { kind: "oidc_redirect_uri", redirectUri: oidcRedirectUri(id) },
  };
}

async function samlColumns(record: PolisSamlConnection, kept: { acsUrl: string; entityId: string } | null, now: Date) {
  const idp = (await resolveIdpConfig({ metadataXml: idpMetadataXml(record) }, now))!;
  const provider = providerOf(samlProviderOf(record));
  return {
    idp,
    row: {
      name: connectionName(record, provider.label),
      connectionType: provider.connectionType,
      attributeMapping: { ...provider.mapping },
      metadataSource: idp.metadataSource,
      metadataUrl: idp.metadataUrl,
      metadataXml: idp.metadataXml,
      idpEntityId: idp.idpEntityId,
      idpSsoUrl: idp.idpSsoUrl,
      idpSsoBinding: idp.idpSsoBinding,
      // Polis accepts IdP-initiated sign-in on every connection; imported connections keep doing so.
      allowIdpInitiated: true,
      spEntityIdOverride: kept?.entityId ?? null,
      acsUrlOverride: kept?.acsUrl ?? null,
    },
  };
}

function httpUrl(value: string | null | undefined, field: string): string | null {
  if (!value) return null;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:"))
    throw new ValidationError([{ field, code: `${field}_invalid`, message: "is not an http(s) URL" }]);
  return url.toString();
}

function oidcColumns(record: PolisOidcConnection) {
  const p = record.oidcProvider;
  const m = p.discoveryUrl ? null : p.metadata;
  if (!p.discoveryUrl && !m)
    throw new ValidationError([{ field: "oidcProvider", code: "oidc_provider_incomplete", message: "has neither a discovery URL nor metadata" }]);
  return {
    idp: null,
    row: {
      name: connectionName(record, "OIDC"),
      connectionType: oidcTypeOf(record),
      attributeMapping: {},
      oidcDiscoveryUrl: httpUrl(p.discoveryUrl, "discoveryUrl"),
      oidcIssuer: m?.issuer ?? null,
      oidcAuthorizationUrl: httpUrl(m?.authorization_endpoint, "authorization_endpoint"),
      oidcTokenUrl: httpUrl(m?.token_endpoint, "token_endpoint"),
      oidcJwksUrl: httpUrl(m?.jwks_uri, "jwks_uri"),
      oidcUserinfoUrl: httpUrl(m?.userinfo_endpoint, "userinfo_endpoint"),
      oidcClientId: p.clientId,
      oidcClientSecret: encryptSecret(p.clientSecret, OIDC_SECRET_PURPOSE),
    },
  };
}

async function importDirectory(
  ctx: ServiceContext,
  tx: DbOrTx,
  organizationId: string,
  directory: PolisDirectory,
  options: { tokens: boolean },
  now: Date,
): Promise<DirectoryReport> {
  const type = directoryTypeOf(directory);
  const name = (directory.name || `${directory.tenant} directory`).slice(0, 200);
  const base = { polisDirectoryId: directory.id, name, type: directory.type, notes: [] as string[] };
  if (!type)
    return {
      ...base,
      outcome: "skipped",
      directoryId: null,
      scimBaseUrl: null,
      notes: ["Google Workspace directories are not SCIM: set this one up again in Portico"],
    };
  const fingerprint = fingerprintOf({ name, type, deactivated: directory.deactivated ?? false });
  const previous = await mapped(tx, "directory", directory.id);
  const [current] = previous
    ? await tx
        .select({ id: directories.id })
        .from(directories)
        .where(and(eq(directories.organizationId, organizationId), eq(directories.id, previous.targetId)))
    : [];
  if (current) {
    const changed = previous!.fingerprint !== fingerprint;
    if (changed) {
      await tx
        .update(directories)
        .set({ name, updatedAt: now })
        .where(and(eq(directories.organizationId, organizationId), eq(directories.id, current.id)));
      await remember(tx, { kind: "directory", sourceKey: directory.id, organizationId, targetId: current.id, fingerprint }, now);
    }
    return { ...base, outcome: changed ? "updated" : "unchanged", directoryId: current.id, scimBaseUrl: scimBaseUrl(current.id) };
  }
  const created = await createDirectory(ctx, { organizationId, type, name });
  await remember(tx, { kind: "directory", sourceKey: directory.id, organizationId, targetId: created.id, fingerprint }, now);
  return {
    ...base,
    outcome: "created",
    directoryId: created.id,
    scimBaseUrl: created.scim_base_url,
    ...(options.tokens ? { bearerToken: created.bearer_token } : {}),
    notes: options.tokens ? [] : ["the bearer token is not kept: make one on the directory's page (Rotate token) or send the IT admin a setup link"],
  };
}
