import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connections } from "@/db/schema";
import { encryptSecret } from "@/server/crypto/secrets";
import { ValidationError } from "@/server/errors";
import { newId } from "@/server/ids";
import { recordEvent } from "@/server/services/events/record";
import { connectionEventData, storeIdpConfig } from "@/server/services/sso/connections";
import { resolveIdpConfig } from "@/server/services/sso/idp-config";
import { OIDC_SECRET_PURPOSE } from "@/server/services/sso/oidc-policy";
import { oidcRedirectUri, sharedAcsUrl, spEndpoints } from "@/server/services/sso";
import type { PolisConnection, PolisOidcConnection, PolisSamlConnection } from "./polis-client";
import { mapped, remember } from "./polis-items";
import { connectionName, fingerprintOf, idpMetadataXml, oidcTypeOf, providerOf, samlProviderOf } from "./polis-map";
import type { ConnectionReport, ImportOutcome } from "./polis-report";

/** Polis's SP identity as this connection had it, when Portico can answer there; else null. */
function keptSpIdentity(record: PolisSamlConnection, polisSp: { entityId: string; acsUrl: string } | null) {
  const acsUrl = record.acsUrlOverride || polisSp?.acsUrl;
  const entityId = record.samlAudienceOverride || polisSp?.entityId;
  return acsUrl && entityId && acsUrl === sharedAcsUrl() ? { acsUrl, entityId } : null;
}

export async function importConnection(
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
  // Portico signs AuthnRequests with its own key: an IdP that checks request signatures against Polis's
  // certificate refuses them until it has Portico's (from the SP metadata URL).
  if (kept) notes.push(`if the IdP verifies signed AuthnRequests, give it Portico's SP certificate from ${spEndpoints(id).metadataUrl}`);
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
