import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connections, idpCertificates, organizationDomains, type ConnectionRow, type IdpCertificateRow } from "@/db/schema";
import { NotFoundError } from "@/server/errors";
import { env } from "@/server/env";
import { isOidcConnectionType } from "@/server/oidc/types";
import { providerForConnectionType } from "@/server/saml/providers";
import { spEndpoints } from "./sp-key";

/** A connection row of the given organization (any, when null), or "not found": never "forbidden". */
export async function findConnection(db: DbOrTx, organizationId: string | null, id: string, options: { forUpdate?: boolean } = {}): Promise<ConnectionRow> {
  const query = db
    .select()
    .from(connections)
    .where(and(eq(connections.id, id), organizationId ? eq(connections.organizationId, organizationId) : undefined));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("connection", id);
  return row;
}

export function certificatesOf(db: DbOrTx, connection: ConnectionRow): Promise<IdpCertificateRow[]> {
  return db
    .select()
    .from(idpCertificates)
    .where(and(eq(idpCertificates.organizationId, connection.organizationId), eq(idpCertificates.connectionId, connection.id)))
    .orderBy(asc(idpCertificates.createdAt));
}

/** What the portal and dashboard show about a connection (camelCase; the REST wire shape is separate). */
export interface ConnectionView {
  id: string;
  organizationId: string;
  name: string;
  connectionType: string;
  provider: string;
  state: ConnectionRow["state"];
  sp: { entityId: string; acsUrl: string; metadataUrl: string };
  idp: {
    entityId: string | null;
    ssoUrl: string | null;
    binding: "redirect" | "post";
    metadataSource: ConnectionRow["metadataSource"];
    metadataUrl: string | null;
  };
  certificates: { id: string; fingerprint: string; subject: string; notBefore: string; notAfter: string; verifiedAt: string | null }[];
  /** A metadata URL's last fetch and, when it failed, why. */
  metadataFetchedAt: string | null;
  metadataError: string | null;
  /** OIDC connections only; the client secret is never read back, only whether one is stored. */
  oidc: {
    redirectUri: string;
    discoveryEndpoint: string | null;
    issuer: string | null;
    authorizationEndpoint: string | null;
    tokenEndpoint: string | null;
    jwksUri: string | null;
    userinfoEndpoint: string | null;
    clientId: string | null;
    clientSecretSet: boolean;
  } | null;
  attributeMapping: ConnectionRow["attributeMapping"];
  options: { allowIdpInitiated: boolean; allowSha1: boolean; allowUnsignedAssertion: boolean; clockSkewSeconds: number };
  createdAt: string;
  updatedAt: string;
}

export async function connectionView(db: DbOrTx, row: ConnectionRow): Promise<ConnectionView> {
  const certs = await certificatesOf(db, row);
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    connectionType: row.connectionType,
    provider: providerForConnectionType(row.connectionType).key,
    state: row.state,
    sp: spEndpoints(row.id, row),
    idp: { entityId: row.idpEntityId, ssoUrl: row.idpSsoUrl, binding: row.idpSsoBinding, metadataSource: row.metadataSource, metadataUrl: row.metadataUrl },
    certificates: certs.map((c) => ({
      id: c.id,
      fingerprint: c.fingerprintSha256,
      subject: c.subject,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      verifiedAt: c.verifiedAt?.toISOString() ?? null,
    })),
    metadataFetchedAt: row.metadataFetchedAt?.toISOString() ?? null,
    metadataError: row.metadataError,
    oidc: isOidcConnectionType(row.connectionType)
      ? {
          redirectUri: `${env().publicUrl}/sso/oidc/${row.id}/callback`,
          discoveryEndpoint: row.oidcDiscoveryUrl,
          issuer: row.oidcIssuer,
          authorizationEndpoint: row.oidcAuthorizationUrl,
          tokenEndpoint: row.oidcTokenUrl,
          jwksUri: row.oidcJwksUrl,
          userinfoEndpoint: row.oidcUserinfoUrl,
          clientId: row.oidcClientId,
          clientSecretSet: Boolean(row.oidcClientSecret),
        }
      : null,
    attributeMapping: row.attributeMapping,
    options: {
      allowIdpInitiated: row.allowIdpInitiated,
      allowSha1: row.allowSha1,
      allowUnsignedAssertion: row.allowUnsignedAssertion,
      clockSkewSeconds: row.clockSkewSeconds,
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function domainsOf(db: DbOrTx, organizationId: string) {
  return db.select().from(organizationDomains).where(eq(organizationDomains.organizationId, organizationId)).orderBy(asc(organizationDomains.id));
}
