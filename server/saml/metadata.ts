import { X509Certificate } from "node:crypto";
import { SamlError } from "./errors";
import { descendants, elementChildren, firstChild, NS, parseUntrustedXml } from "./xml";
import { normalizePem } from "./signature";

const BINDINGS = {
  redirect: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
  post: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
} as const;

export interface CertificateInfo {
  pem: string;
  fingerprint: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  binding: "redirect" | "post";
  certificates: CertificateInfo[];
  nameIdFormats: string[];
}

/** Why IdP metadata (or a certificate) was refused, in words an IT admin can act on. */
export class MetadataError extends Error {
  constructor(
    readonly problem:
      | "not_xml"
      | "no_entity_descriptor"
      | "several_idps"
      | "no_idp_descriptor"
      | "no_sso_service"
      | "no_signing_certificate"
      | "certificate_invalid"
      | "certificate_expired"
      | "fetch_failed"
      | "address_refused",
    message: string,
  ) {
    super(message);
  }
}

export function readCertificate(value: string): CertificateInfo {
  let cert: X509Certificate;
  const pem = normalizePem(value);
  try {
    cert = new X509Certificate(pem);
  } catch {
    throw new MetadataError("certificate_invalid", "is not a valid X.509 certificate (paste the PEM, including the BEGIN and END lines)");
  }
  return {
    pem,
    fingerprint: cert.fingerprint256,
    subject: cert.subject.replace(/\n/g, ", "),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
  };
}

/** Only certificates that can sign today: expired ones are named, since a rotation usually left them behind. */
export function usableCertificates(certificates: CertificateInfo[], now: Date): CertificateInfo[] {
  if (certificates.length === 0)
    throw new MetadataError("no_signing_certificate", "has no signing certificate: the IdP's metadata must include a KeyDescriptor with an X509Certificate");
  const current = certificates.filter((c) => c.notAfter.getTime() > now.getTime());
  if (current.length === 0) {
    const last = certificates.map((c) => c.notAfter.toISOString().slice(0, 10)).join(", ");
    throw new MetadataError("certificate_expired", `has only expired signing certificates (expired ${last}): download fresh metadata from the IdP`);
  }
  return current;
}

/**
 * Reads an IdP's SAML metadata: entity ID, the SSO endpoint (HTTP-Redirect preferred, HTTP-POST when
 * that is all it offers) and every signing certificate (several during a rotation).
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  let doc: Document;
  try {
    doc = parseUntrustedXml(xml);
  } catch (error) {
    const detail = error instanceof SamlError && error.code === "dtd_forbidden" ? "contains a DOCTYPE, which is not allowed" : "is not XML";
    throw new MetadataError("not_xml", detail);
  }
  const entities = descendants(doc, NS.metadata, "EntityDescriptor");
  if (entities.length === 0) throw new MetadataError("no_entity_descriptor", "has no EntityDescriptor: this is not SAML metadata");
  const idps = entities.filter((e) => elementChildren(e, NS.metadata, "IDPSSODescriptor").length > 0);
  if (idps.length === 0) throw new MetadataError("no_idp_descriptor", "has no IDPSSODescriptor: this looks like a service provider's metadata, not the IdP's");
  if (idps.length > 1) throw new MetadataError("several_idps", `describes ${idps.length} identity providers: use the metadata of exactly one`);
  const entity = idps[0]!;
  const entityId = entity.getAttribute("entityID") ?? "";
  if (!entityId) throw new MetadataError("no_entity_descriptor", "has an EntityDescriptor without an entityID");
  const descriptor = firstChild(entity, NS.metadata, "IDPSSODescriptor")!;
  const services = elementChildren(descriptor, NS.metadata, "SingleSignOnService");
  const redirect = services.find((s) => s.getAttribute("Binding") === BINDINGS.redirect);
  const post = services.find((s) => s.getAttribute("Binding") === BINDINGS.post);
  const service = redirect ?? post;
  const ssoUrl = service?.getAttribute("Location") ?? "";
  if (!service || !ssoUrl) throw new MetadataError("no_sso_service", "has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding");
  const certificates: CertificateInfo[] = [];
  for (const key of elementChildren(descriptor, NS.metadata, "KeyDescriptor")) {
    const use = key.getAttribute("use");
    if (use && use !== "signing") continue;
    for (const x509 of descendants(key, NS.dsig, "X509Certificate")) {
      const info = readCertificate(x509.textContent ?? "");
      if (!certificates.some((c) => c.fingerprint === info.fingerprint)) certificates.push(info);
    }
  }
  if (certificates.length === 0)
    throw new MetadataError("no_signing_certificate", "has no signing certificate: the IdP's metadata must include a KeyDescriptor with an X509Certificate");
  const nameIdFormats = elementChildren(descriptor, NS.metadata, "NameIDFormat")
    .map((n) => (n.textContent ?? "").trim())
    .filter(Boolean);
  return { entityId, ssoUrl, binding: redirect ? "redirect" : "post", certificates, nameIdFormats };
}
