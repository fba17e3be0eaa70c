import { createSign, randomBytes } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import { SignedXml } from "xml-crypto";
import { escapeAttr } from "./xml";

const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

export interface SpIdentity {
  entityId: string;
  acsUrl: string;
  privateKey: string;
  certificate: string;
}

/** AuthnRequest IDs must not start with a digit (xs:ID); 20 random bytes is what most SPs use. */
export function newRequestId(): string {
  return `_${randomBytes(20).toString("hex")}`;
}

interface AuthnRequestInput {
  id: string;
  issueInstant: Date;
  sp: SpIdentity;
  destination: string;
  /** The user the app expects (`login_hint`): sent as the request's Subject NameID, which IdPs use to prefill or pick the account. */
  loginHint?: string | null;
  /** `prompt=login`: the IdP must authenticate the user again, not reuse its session. */
  forceAuthn?: boolean;
}

/** The Subject's NameID format: an email address when the hint looks like one (what most IdPs match on). */
function subjectOf(loginHint: string): string {
  const format = /^[^\s@]+@[^\s@]+$/.test(loginHint)
    ? "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
    : "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
  return `<saml:Subject><saml:NameID Format="${format}">${escapeAttr(loginHint)}</saml:NameID></saml:Subject>`;
}

export function authnRequestXml(input: AuthnRequestInput): string {
  // Schema order (saml-schema-protocol-2.0): Issuer, Signature, Extensions, Subject, NameIDPolicy.
  return (
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"` +
    ` ID="${input.id}" Version="2.0" IssueInstant="${input.issueInstant.toISOString()}" Destination="${escapeAttr(input.destination)}"` +
    (input.forceAuthn ? ` ForceAuthn="true"` : "") +
    ` ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" AssertionConsumerServiceURL="${escapeAttr(input.sp.acsUrl)}">` +
    `<saml:Issuer>${escapeAttr(input.sp.entityId)}</saml:Issuer>` +
    (input.loginHint ? subjectOf(input.loginHint) : "") +
    `<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" AllowCreate="true"/>` +
    `</samlp:AuthnRequest>`
  );
}

export type OutgoingRequest = { binding: "redirect"; url: string } | { binding: "post"; url: string; fields: Record<string, string> };

/**
 * HTTP-Redirect binding (SAML bindings 3.4.4.1): the request is deflated and the signature covers the
 * query string `SAMLRequest=..&RelayState=..&SigAlg=..`, not the XML.
 */
export function redirectBinding(xml: string, destination: string, relayState: string, privateKey: string): OutgoingRequest {
  const query = [
    `SAMLRequest=${encodeURIComponent(deflateRawSync(Buffer.from(xml, "utf8")).toString("base64"))}`,
    `RelayState=${encodeURIComponent(relayState)}`,
    `SigAlg=${encodeURIComponent(RSA_SHA256)}`,
  ].join("&");
  const signature = createSign("RSA-SHA256").update(query).sign(privateKey, "base64");
  const url = new URL(destination);
  const separator = url.search ? "&" : "?";
  return { binding: "redirect", url: `${destination}${separator}${query}&Signature=${encodeURIComponent(signature)}` };
}

/** HTTP-POST binding: the XML itself carries an enveloped signature, placed after the Issuer. */
export function postBinding(xml: string, destination: string, relayState: string, sp: SpIdentity): OutgoingRequest {
  const signer = new SignedXml({
    privateKey: sp.privateKey,
    publicCert: sp.certificate,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signer.addReference({
    xpath: "/*",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  signer.computeSignature(xml, { prefix: "ds", location: { reference: "/*/*[local-name(.)='Issuer']", action: "after" } });
  return { binding: "post", url: destination, fields: { SAMLRequest: Buffer.from(signer.getSignedXml(), "utf8").toString("base64"), RelayState: relayState } };
}

/** The page that carries a POST binding (request or response) through the browser. */
export function autoPostPage(url: string, fields: Record<string, string>, nonce?: string): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeAttr(name)}" value="${escapeAttr(value)}">`)
    .join("");
  const script = nonce !== undefined ? `<script nonce="${escapeAttr(nonce)}">document.forms[0].submit()</script>` : "";
  return `<!doctype html><html><head><meta charset="utf-8"><title>Signing in…</title></head><body><form method="post" action="${escapeAttr(url)}">${inputs}<noscript><p>Press Continue to sign in.</p></noscript><button type="submit">Continue</button></form>${script}</body></html>`;
}
