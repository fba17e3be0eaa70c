/**
 * Every way a SAML response can fail, each with its own code and a plain-language explanation that
 * says what to change at the IdP. The codes are stable: they are stored in the session log.
 */
export const samlErrorExplanations = {
  response_too_large: "The SAML response is larger than 1 MiB. Portico refuses bodies that large; check that the IdP is not adding very large attributes.",
  malformed_response: "The SAML response is not well-formed XML (or not valid base64). Make sure the IdP posts a SAMLResponse to the ACS URL.",
  dtd_forbidden: "The SAML response contains a DOCTYPE or entity declaration. These enable XML external entity attacks and are never accepted.",
  not_a_response: "The message is not a SAML 2.0 Response. Check that the IdP sends a SAML 2.0 Response to the ACS URL.",
  unsupported_version: "The response is not SAML version 2.0. Configure the IdP to use SAML 2.0.",
  missing_id: "The response has no ID attribute. Every SAML 2.0 response must carry one.",
  idp_error_status:
    "The identity provider reported that sign-in failed instead of sending an assertion. Check that the user is assigned to the application at the IdP.",
  assertion_count: "The response must contain exactly one assertion. Configure the IdP to send one assertion per response.",
  signature_wrapping:
    "The response is structured like a signature-wrapping attack: a signature or assertion sits somewhere other than where SAML puts it. It was refused.",
  signature_missing: "Neither the response nor the assertion is signed. Configure the IdP to sign the assertion.",
  assertion_not_signed:
    "The response is signed but the assertion inside it is not. Configure the IdP to sign the assertion (or both), or explicitly allow signed responses with unsigned assertions on this connection.",
  response_not_signed: "The connection requires the whole response to be signed, and only the assertion is. Configure the IdP to sign the response too.",
  signature_reference_empty:
    "The signature's Reference has an empty URI: it claims to sign the whole document instead of naming the signed Response or Assertion by its ID, as SAML requires (SAML core 5.4.2). Configure the IdP to sign the assertion (or response) by its ID.",
  signature_invalid:
    "The signature does not verify: the response was changed after signing, or it was signed by a key that does not match any configured certificate.",
  untrusted_certificate:
    "The response is signed with a certificate that is not configured for this connection. If the IdP rotated its certificate, add the new signing certificate to the connection.",
  weak_algorithm:
    "The response is signed with SHA-1, which is deprecated. Configure the IdP to sign with RSA-SHA256 (or explicitly allow SHA-1 on this connection).",
  unsupported_transform:
    "The signature uses transforms Portico does not accept. Only the enveloped-signature transform and exclusive canonicalization are allowed.",
  encrypted_assertion_unreadable:
    "The encrypted assertion cannot be decrypted with Portico's key. Upload Portico's current SP certificate to the IdP as the encryption certificate.",
  insecure_key_transport:
    "The assertion is encrypted with RSA PKCS#1 v1.5 key transport, which is deprecated and attackable. Configure the IdP to use RSA-OAEP (or explicitly allow it on this connection).",
  issuer_mismatch: "The response comes from a different IdP entity ID than the one configured. Check the IdP entity ID in the connection's configuration.",
  audience_mismatch: "The assertion is meant for another service provider. Set the IdP's Audience (SP entity ID) to the value shown in the connection's setup.",
  audience_missing: "The assertion does not say which service provider it is for. Set the IdP's Audience (SP entity ID) to the value shown in the setup.",
  destination_mismatch: "The response was addressed to another URL. Set the IdP's ACS URL (Single sign-on URL) to the value shown in the setup.",
  recipient_mismatch: "The assertion's Recipient is another URL. Set the IdP's ACS URL (Recipient) to the value shown in the setup.",
  subject_confirmation_invalid: "The assertion has no usable bearer subject confirmation (wrong Recipient, request or time window).",
  not_yet_valid: "The assertion is not valid yet. The IdP's clock may be ahead: check the time on the IdP server.",
  expired: "The assertion has expired. The response took too long to arrive, or the IdP's clock is behind.",
  in_response_to_mismatch: "The response answers a different sign-in request than this one. Start the sign-in again from the app.",
  unknown_request: "The response answers a sign-in request Portico never issued, or one that expired. Start the sign-in again from the app.",
  request_already_used: "The sign-in request this response answers was already used. Start the sign-in again from the app.",
  unsolicited_response:
    "The IdP started this sign-in (IdP-initiated), which this connection does not allow. Start from the app, or enable IdP-initiated sign-in on the connection.",
  replayed_assertion: "This assertion was already used to sign in. Each assertion is accepted once; start the sign-in again.",
  comment_injection: "The user's name identifier contains an XML comment, a known attack that truncates email addresses. It was refused.",
  conditions_missing: "The assertion has no Conditions element. Configure the IdP to include Conditions with an audience restriction.",
  authn_statement_missing: "The assertion has no AuthnStatement. Configure the IdP to include the authentication statement.",
  name_id_missing: "The assertion has no NameID. Configure the IdP to send a NameID, ideally the user's email address.",
  duplicate_attribute: "The assertion contains the same attribute twice. Remove the duplicate attribute statement at the IdP.",
  email_missing:
    "No email address could be found: neither the mapped email attribute nor the NameID holds one. Add an attribute statement for the email at the IdP, or fix the attribute mapping.",
  connection_inactive:
    "This connection is not active: only Test sign-in works until a test succeeds, and a connection switched off stays off until it is switched on again.",
  connection_not_configured: "The connection has no IdP configuration yet. Give the IdP's metadata or its SSO URL, entity ID and certificate.",
} as const;

export type SamlErrorCode = keyof typeof samlErrorExplanations;

export class SamlError extends Error {
  constructor(
    readonly code: SamlErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${samlErrorExplanations[code]} (${detail})` : samlErrorExplanations[code]);
    this.name = "SamlError";
  }

  get explanation(): string {
    return this.message;
  }
}
