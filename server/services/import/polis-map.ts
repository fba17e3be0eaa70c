import { createHash } from "node:crypto";
import { providers, type ProviderKey } from "@/server/saml/providers";
import type { OidcConnectionType } from "@/server/oidc/types";
import type { PolisDirectory, PolisOidcConnection, PolisSamlConnection } from "./polis-client";

/** SHA-256 of a value's JSON: what a rerun compares to decide "unchanged". */
export function fingerprintOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

export const tenantKey = (tenant: string, product: string) => JSON.stringify([tenant, product]);

const hostRules: [RegExp, ProviderKey][] = [
  [/okta(preview)?\.com$/, "okta"],
  [/(microsoftonline\.com|windows\.net|microsoft\.com)$/, "entra"],
  [/google\.com$/, "google"],
  [/onelogin\.com$/, "onelogin"],
  [/jumpcloud\.com$/, "jumpcloud"],
  [/(pingidentity\.com|pingone\.\w+)$/, "pingfederate"],
  [/auth0\.com$/, "auth0"],
];

/** Polis records the IdP as the host name of its entity ID (`idpMetadata.provider`). */
export function samlProviderOf(record: PolisSamlConnection): ProviderKey {
  const host = (record.idpMetadata.provider ?? "").toLowerCase();
  return hostRules.find(([rule]) => rule.test(host))?.[1] ?? "custom";
}

export function oidcTypeOf(record: PolisOidcConnection): OidcConnectionType {
  const host = (record.oidcProvider.provider ?? "").toLowerCase();
  if (/okta(preview)?\.com$/.test(host)) return "OktaOIDC";
  if (/(microsoftonline\.com|windows\.net)$/.test(host)) return "EntraIdOIDC";
  if (/google\.com$/.test(host)) return "GoogleOIDC";
  return "GenericOIDC";
}

export function connectionName(record: { name?: string | null; label?: string | null; tenant: string }, fallback: string): string {
  return (record.name || record.label || `${record.tenant} ${fallback}`).slice(0, 200);
}

const escapeXml = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Base64 DER, as metadata carries it: Polis keeps certificates without their PEM armour, joined by commas. */
function certificatesOf(record: PolisSamlConnection): string[] {
  return (record.idpMetadata.publicKey ?? "")
    .split(",")
    .map((c) => c.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, ""))
    .filter(Boolean);
}

/**
 * The IdP's metadata. Polis stores only what it parsed from it (entity ID, SSO URLs, certificates), so
 * unless the record still carries the original document, the same facts are written back as metadata.
 */
export function idpMetadataXml(record: PolisSamlConnection): string {
  if (record.rawMetadata) return record.rawMetadata;
  const { entityID, sso } = record.idpMetadata;
  const keys = certificatesOf(record)
    .map(
      (cert) =>
        `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
    )
    .join("");
  const services = [
    sso.redirectUrl ? `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeXml(sso.redirectUrl)}"/>` : "",
    sso.postUrl ? `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escapeXml(sso.postUrl)}"/>` : "",
  ].join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${escapeXml(entityID)}">` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}${services}</md:IDPSSODescriptor></md:EntityDescriptor>`
  );
}

export const defaultPortalName = (tenant: string, product: string) => `${tenant} (${product})`.slice(0, 200);

/** Polis's directory types (`okta-scim-v2`, ...) as Portico's; Google Workspace directories are not SCIM. */
export function directoryTypeOf(directory: PolisDirectory): string | null {
  const type = directory.type.toLowerCase();
  if (type === "google") return null;
  const known: [string, string][] = [
    ["okta", "okta"],
    ["azure", "entra"],
    ["onelogin", "onelogin"],
    ["jumpcloud", "jumpcloud"],
    ["ping", "pingfederate"],
    ["rippling", "rippling"],
  ];
  return known.find(([prefix]) => type.startsWith(prefix))?.[1] ?? "generic";
}

export function providerOf(key: ProviderKey) {
  return providers[key];
}
