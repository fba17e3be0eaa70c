import { X509Certificate } from "node:crypto";
import { SignedXml } from "xml-crypto";
import { SamlError } from "./errors";
import { elementChildren, firstChild, NS, parseUntrustedXml } from "./xml";

const SHA1_SIGNATURE = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
const SHA1_DIGEST = "http://www.w3.org/2000/09/xmldsig#sha1";
const STRONG_SIGNATURES = new Set([
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
  "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
]);
const STRONG_DIGESTS = new Set(["http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2001/04/xmlenc#sha512"]);
const ALLOWED_TRANSFORMS = new Set([
  "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
  "http://www.w3.org/2001/10/xml-exc-c14n#",
  "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
  "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
  "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
]);

/** PEM with headers, from a PEM, a bare base64 body or a KeyInfo value with stray whitespace. */
export function normalizePem(value: string): string {
  const body = value
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, "")
    .replace(/&#13;|&#xd;/gi, "")
    .replace(/\s+/g, "");
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

export function certificateFingerprint(pem: string): string {
  return new X509Certificate(normalizePem(pem)).fingerprint256;
}

/** Bare SPKI public keys (`-----BEGIN PUBLIC KEY-----`) are accepted as they are. */
function keyMaterial(pem: string): string {
  return /BEGIN PUBLIC KEY/.test(pem) ? pem : normalizePem(pem);
}

function algorithmOf(parent: Element, localName: string): string {
  return firstChild(parent, NS.dsig, localName)?.getAttribute("Algorithm") ?? "";
}

/**
 * Checks one ds:Signature's shape before any cryptography: one SignedInfo, one Reference, pointing
 * at the element that holds the signature by its ID, with allowed algorithms only.
 */
function checkShape(signature: Element, referencedId: string, allowSha1: boolean) {
  const signedInfos = elementChildren(signature, NS.dsig, "SignedInfo");
  if (signedInfos.length !== 1) throw new SamlError("signature_wrapping", "a Signature must hold exactly one SignedInfo");
  const signedInfo = signedInfos[0]!;
  const references = elementChildren(signedInfo, NS.dsig, "Reference");
  if (references.length !== 1) throw new SamlError("signature_wrapping", "a Signature must hold exactly one Reference");
  const reference = references[0]!;
  const uri = reference.getAttribute("URI") ?? "";
  // SAML core 5.4.2: the Reference names the signed element by its ID. An empty URI signs the whole
  // document, which leaves "what is signed" to whoever reads it; each element must be signed by name.
  if (uri === "") throw new SamlError("signature_reference_empty");
  if (uri !== `#${referencedId}`) throw new SamlError("signature_wrapping", `the signature references ${uri}, not the element that holds it`);
  const transforms = elementChildren(firstChild(reference, NS.dsig, "Transforms") ?? reference, NS.dsig, "Transform").map(
    (t) => t.getAttribute("Algorithm") ?? "",
  );
  if (transforms.length > 2 || transforms.some((t) => !ALLOWED_TRANSFORMS.has(t))) {
    throw new SamlError("unsupported_transform", transforms.join(", "));
  }
  const signatureMethod = algorithmOf(signedInfo, "SignatureMethod");
  const digestMethod = algorithmOf(reference, "DigestMethod");
  for (const [algorithm, strong, sha1] of [
    [signatureMethod, STRONG_SIGNATURES, SHA1_SIGNATURE],
    [digestMethod, STRONG_DIGESTS, SHA1_DIGEST],
  ] as const) {
    if (strong.has(algorithm)) continue;
    if (algorithm === sha1) {
      if (allowSha1) continue;
      throw new SamlError("weak_algorithm", algorithm);
    }
    throw new SamlError("weak_algorithm", `unsupported algorithm ${algorithm || "(none)"}`);
  }
}

function tryVerify(xml: string, signature: Element, key: string): string | null {
  const verifier = new SignedXml({ publicCert: key, getCertFromKeyInfo: () => null });
  try {
    verifier.loadSignature(signature);
    if (!verifier.checkSignature(xml)) return null;
    return verifier.getSignedReferences()[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Verifies `signature` (inside `xml`) with the configured certificates only: KeyInfo is never
 * trusted (check 3). It is read only to tell "signed by an unknown certificate" from "tampered".
 * Returns the signed element, parsed from its canonical form: claims come from there alone (check 1),
 * and the configured certificate that verified it.
 */
export function verifySignedElement(input: { xml: string; signature: Element; referencedId: string; certificates: string[]; allowSha1: boolean }): {
  element: Element;
  certificate: string;
} {
  checkShape(input.signature, input.referencedId, input.allowSha1);
  for (const certificate of input.certificates) {
    let key: string;
    try {
      key = keyMaterial(certificate);
    } catch {
      continue;
    }
    const signed = tryVerify(input.xml, input.signature, key);
    if (signed !== null) return { element: parseUntrustedXml(signed).documentElement, certificate };
  }
  const keyInfoCert = input.signature.getElementsByTagNameNS(NS.dsig, "X509Certificate")[0]?.textContent;
  if (keyInfoCert) {
    try {
      const pem = normalizePem(keyInfoCert);
      const known = new Set(input.certificates.map((c) => (/BEGIN PUBLIC KEY/.test(c) ? c : certificateFingerprint(c))));
      const fingerprint = certificateFingerprint(pem);
      if (!known.has(fingerprint) && tryVerify(input.xml, input.signature, pem) !== null) {
        throw new SamlError("untrusted_certificate", `signed by certificate ${fingerprint}`);
      }
    } catch (error) {
      if (error instanceof SamlError) throw error;
    }
  }
  throw new SamlError("signature_invalid");
}
