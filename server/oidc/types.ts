/** The OIDC connection types, each with its own walk-through in the portal (server/oidc/providers.ts). */
export const oidcConnectionTypes = ["GenericOIDC", "OktaOIDC", "EntraIdOIDC", "GoogleOIDC"] as const;
export type OidcConnectionType = (typeof oidcConnectionTypes)[number];

export function isOidcConnectionType(type: string): type is OidcConnectionType {
  return (oidcConnectionTypes as readonly string[]).includes(type);
}
