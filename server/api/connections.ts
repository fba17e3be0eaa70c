import type { DbOrTx } from "@/db/client";
import type { ConnectionRow } from "@/db/schema";
import { connectionView, type ConnectionView } from "@/server/services/sso";
import { domainsOf } from "@/server/services/sso/load";
import { connectionToWire } from "@/server/wire/connections";
import type { z } from "zod";
import { wireBody } from "./wire-input";

/** snake_case REST body → the service's camelCase input. Unknown keys are left for the service to refuse. */
export function connectionInputFromWire(schema: z.ZodType, body: unknown): Record<string, unknown> {
  const b = wireBody(schema, body);
  const mapping = b.attribute_mapping as Record<string, unknown> | undefined;
  const input: Record<string, unknown> = {
    organizationId: b.organization_id,
    connectionType: b.connection_type,
    name: b.name,
    metadataUrl: b.metadata_url,
    metadataXml: b.metadata_xml,
    idpEntityId: b.idp_entity_id,
    ssoUrl: b.sso_url,
    x509Certificates: b.x509_certificates,
    allowIdpInitiated: b.allow_idp_initiated,
    allowSha1: b.allow_sha1,
    allowUnsignedAssertion: b.allow_unsigned_assertion,
    clockSkewSeconds: b.clock_skew_seconds,
    oidcDiscoveryEndpoint: b.oidc_discovery_endpoint,
    oidcIssuer: b.oidc_issuer,
    oidcAuthorizationEndpoint: b.oidc_authorization_endpoint,
    oidcTokenEndpoint: b.oidc_token_endpoint,
    oidcJwksUri: b.oidc_jwks_uri,
    oidcUserinfoEndpoint: b.oidc_userinfo_endpoint,
    oidcClientId: b.oidc_client_id,
    oidcClientSecret: b.oidc_client_secret,
    attributeMapping:
      mapping && typeof mapping === "object"
        ? { email: mapping.email, firstName: mapping.first_name, lastName: mapping.last_name, groups: mapping.groups }
        : mapping,
  };
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  if (input.attributeMapping && typeof input.attributeMapping === "object") {
    const m = input.attributeMapping as Record<string, unknown>;
    for (const key of Object.keys(m)) if (m[key] === undefined || m[key] === null) delete m[key];
  }
  return input;
}

export async function wireConnection(db: DbOrTx, view: ConnectionView) {
  return connectionToWire(view, await domainsOf(db, view.organizationId));
}

export async function wireConnectionRow(db: DbOrTx, row: ConnectionRow) {
  return wireConnection(db, await connectionView(db, row));
}
