import { escapeAttr } from "./xml";

const certBody = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, "");

/**
 * Portico's SP metadata for one connection: what the IT admin uploads to the IdP. Around a key rotation it
 * lists both certificates (`published`), so an IdP that refreshes it trusts the next key before it signs.
 */
export function spMetadataXml(sp: { entityId: string; acsUrl: string; certificate: string; published?: string[] }): string {
  const keyInfos = (sp.published?.length ? sp.published : [sp.certificate]).map(
    (c) => `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(c)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>`,
  );
  const signing = keyInfos.map((k) => `    <md:KeyDescriptor use="signing">${k}</md:KeyDescriptor>`);
  const encryption = keyInfos.map(
    (k) =>
      `    <md:KeyDescriptor use="encryption">${k}<md:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/><md:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"/></md:KeyDescriptor>`,
  );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeAttr(sp.entityId)}">`,
    `  <md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">`,
    ...signing,
    ...encryption,
    `    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>`,
    `    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escapeAttr(sp.acsUrl)}" index="0" isDefault="true"/>`,
    `  </md:SPSSODescriptor>`,
    `</md:EntityDescriptor>`,
    ``,
  ].join("\n");
}
