import { randomBytes } from "node:crypto";
import { generate } from "selfsigned";
import { SignedXml } from "xml-crypto";
import xmlenc from "xml-encryption";

/**
 * A test identity provider that signs real SAML responses with its own key (xml-crypto), and can
 * encrypt assertions to the SP (xml-encryption). Attack tests start from its freshly signed output.
 */
export interface KeyPair {
  privateKey: string;
  certificate: string;
}

/** Valid for five years from now unless given dates (an expired or not-yet-valid IdP certificate). */
export async function makeKeyPair(commonName: string, validity: { notBefore?: Date; notAfter?: Date } = {}): Promise<KeyPair> {
  const pems = await generate([{ name: "commonName", value: commonName }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: validity.notBefore ?? new Date(),
    notAfterDate: validity.notAfter ?? new Date(Date.now() + 5 * 365 * 86400_000),
  });
  return { privateKey: pems.private, certificate: pems.cert };
}

const ALG = {
  rsaSha256: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  rsaSha1: "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
  sha256: "http://www.w3.org/2001/04/xmlenc#sha256",
  sha1: "http://www.w3.org/2000/09/xmldsig#sha1",
  excC14n: "http://www.w3.org/2001/10/xml-exc-c14n#",
  enveloped: "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
} as const;

interface ResponseOptions {
  issuer: string;
  audience: string;
  acsUrl: string;
  inResponseTo?: string | null;
  nameId: string;
  attributes?: Record<string, string | string[]>;
  issueInstant?: Date;
  notBefore?: Date;
  notOnOrAfter?: Date;
  assertionId?: string;
  responseId?: string;
  destination?: string | null;
  statusCode?: string;
}

const esc = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
export const samlId = () => `_${randomBytes(16).toString("hex")}`;

export function assertionXml(o: ResponseOptions): string {
  const now = o.issueInstant ?? new Date();
  const notBefore = (o.notBefore ?? new Date(now.getTime() - 60_000)).toISOString();
  const notOnOrAfter = (o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000)).toISOString();
  const inResponseTo = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : "";
  const attributes = Object.entries(o.attributes ?? {})
    .map(([name, value]) => {
      const values = (Array.isArray(value) ? value : [value]).map((v) => `<saml:AttributeValue xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`).join("");
      return `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values}</saml:Attribute>`;
    })
    .join("");
  return (
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${o.assertionId ?? samlId()}" Version="2.0" IssueInstant="${now.toISOString()}">` +
    `<saml:Issuer>${esc(o.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${esc(o.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${esc(o.acsUrl)}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="${samlId()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : "") +
    `</saml:Assertion>`
  );
}

export function wrapInResponse(o: ResponseOptions, assertion: string): string {
  const now = o.issueInstant ?? new Date();
  const inResponseTo = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : "";
  const destination = o.destination === null ? "" : ` Destination="${esc(o.destination ?? o.acsUrl)}"`;
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${o.responseId ?? samlId()}" Version="2.0" IssueInstant="${now.toISOString()}"${destination}${inResponseTo}>` +
    `<saml:Issuer>${esc(o.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${o.statusCode ?? "urn:oasis:names:tc:SAML:2.0:status:Success"}"/></samlp:Status>` +
    assertion +
    `</samlp:Response>`
  );
}

/** Signs the element `localName` (Assertion or Response) with an enveloped signature placed after its Issuer. */
export function signElement(
  xml: string,
  localName: "Assertion" | "Response",
  key: KeyPair,
  options: { sha1?: boolean; omitKeyInfo?: boolean; emptyReferenceUri?: boolean } = {},
): string {
  const signer = new SignedXml({
    ...(options.omitKeyInfo ? { getKeyInfoContent: () => null } : {}),
    privateKey: key.privateKey,
    publicCert: key.certificate,
    signatureAlgorithm: options.sha1 ? ALG.rsaSha1 : ALG.rsaSha256,
    canonicalizationAlgorithm: ALG.excC14n,
  });
  const target = localName === "Response" ? "/*" : "//*[local-name(.)='Assertion']";
  signer.addReference({
    xpath: target,
    transforms: [ALG.enveloped, ALG.excC14n],
    digestAlgorithm: options.sha1 ? ALG.sha1 : ALG.sha256,
    isEmptyUri: options.emptyReferenceUri ?? false,
  });
  signer.computeSignature(xml, { prefix: "ds", location: { reference: `${target}/*[local-name(.)='Issuer']`, action: "after" } });
  return signer.getSignedXml();
}

type EncryptionChoice = {
  spCertificate: string;
  content?: "aes256-gcm" | "aes128-cbc";
  keyTransport?: "rsa-oaep" | "rsa-1_5";
};

function encryptAssertion(assertion: string, choice: EncryptionChoice): Promise<string> {
  const content = choice.content === "aes128-cbc" ? "http://www.w3.org/2001/04/xmlenc#aes128-cbc" : "http://www.w3.org/2009/xmlenc11#aes256-gcm";
  const transport = choice.keyTransport === "rsa-1_5" ? "http://www.w3.org/2001/04/xmlenc#rsa-1_5" : "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
  return new Promise((resolve, reject) =>
    xmlenc.encrypt(
      assertion,
      {
        rsa_pub: choice.spCertificate,
        pem: choice.spCertificate,
        encryptionAlgorithm: content,
        keyEncryptionAlgorithm: transport,
        disallowEncryptionWithInsecureAlgorithm: false,
        warnInsecureAlgorithm: false,
      } as Parameters<typeof xmlenc.encrypt>[1],
      (error, value) =>
        error || !value ? reject(error ?? new Error("encryption failed")) : resolve(`<saml:EncryptedAssertion>${value}</saml:EncryptedAssertion>`),
    ),
  );
}

export interface BuildOptions extends ResponseOptions {
  signAssertion?: boolean;
  signResponse?: boolean;
  sha1?: boolean;
  /** Many IdPs leave the certificate out of KeyInfo; Portico never reads it for trust anyway. */
  omitKeyInfo?: boolean;
}

function finish(key: KeyPair, o: BuildOptions, assertion: string): string {
  const response = wrapInResponse(o, assertion);
  return o.signResponse ? signElement(response, "Response", key, { sha1: o.sha1 }) : response;
}

function signedAssertion(key: KeyPair, o: BuildOptions): string {
  const assertion = assertionXml(o);
  return (o.signAssertion ?? true) ? signElement(assertion, "Assertion", key, { sha1: o.sha1, omitKeyInfo: o.omitKeyInfo }) : assertion;
}

/** A complete response: assertion signed (default), optionally the response signed too. */
export function buildResponse(key: KeyPair, o: BuildOptions): string {
  return finish(key, o, signedAssertion(key, o));
}

/** The same with the (signed) assertion encrypted to the SP's certificate. */
export async function buildEncryptedResponse(key: KeyPair, o: BuildOptions, encryption: EncryptionChoice): Promise<string> {
  return finish(key, o, await encryptAssertion(signedAssertion(key, o), encryption));
}

export function idpMetadataXml(o: { entityId: string; ssoUrl: string; certificates: string[]; postOnly?: boolean }): string {
  const body = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, "");
  const keys = o.certificates
    .map(
      (c) =>
        `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body(c)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
    )
    .join("");
  const redirect = o.postOnly ? "" : `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${esc(o.ssoUrl)}"/>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${esc(o.entityId)}">` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}` +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>` +
    `${redirect}<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${esc(o.ssoUrl)}"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`
  );
}
