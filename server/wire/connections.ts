import type { OrganizationDomainRow } from "@/db/schema";
import type { ConnectionView } from "@/server/services/sso/load";

/** `connection` as the WorkOS API shows it, plus Portico's SAML or OIDC details (which the SDK ignores). */
export function connectionToWire(view: ConnectionView, domains: OrganizationDomainRow[]) {
  return {
    object: "connection" as const,
    id: view.id,
    organization_id: view.organizationId,
    name: view.name,
    connection_type: view.connectionType,
    state: view.state,
    domains: domains.map((d) => ({ object: "connection_domain" as const, id: d.id, domain: d.domain })),
    created_at: view.createdAt,
    updated_at: view.updatedAt,
    ...(view.oidc ? oidcWire(view.oidc) : { saml: samlWire(view) }),
  };
}

/** The redirect URI to register at the IdP, and what was configured; the client secret is never returned. */
function oidcWire(oidc: NonNullable<ConnectionView["oidc"]>) {
  return {
    oidc_redirect_uri: oidc.redirectUri,
    oidc: {
      discovery_endpoint: oidc.discoveryEndpoint,
      issuer: oidc.issuer,
      authorization_endpoint: oidc.authorizationEndpoint,
      token_endpoint: oidc.tokenEndpoint,
      jwks_uri: oidc.jwksUri,
      userinfo_endpoint: oidc.userinfoEndpoint,
      client_id: oidc.clientId,
      client_secret_set: oidc.clientSecretSet,
    },
  };
}

function samlWire(view: ConnectionView) {
  return {
    sp_entity_id: view.sp.entityId,
    acs_url: view.sp.acsUrl,
    sp_metadata_url: view.sp.metadataUrl,
    idp_entity_id: view.idp.entityId,
    idp_sso_url: view.idp.ssoUrl,
    idp_metadata_url: view.idp.metadataUrl,
    idp_certificates: view.certificates.map((c) => ({ fingerprint_sha256: c.fingerprint, not_after: c.notAfter })),
    attribute_mapping: {
      email: view.attributeMapping.email ?? null,
      first_name: view.attributeMapping.firstName ?? null,
      last_name: view.attributeMapping.lastName ?? null,
      groups: view.attributeMapping.groups ?? null,
    },
  };
}
