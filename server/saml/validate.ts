import {
  checkConditions,
  checkDestination,
  checkIssuer,
  checkSubjectConfirmation,
  checkAuthnStatements,
  inResponseToProblem,
  readAttributes,
  type InResponseToExpectation,
} from "./assertion-checks";
import { decryptAssertion } from "./decrypt";
import { SamlError, type SamlErrorCode } from "./errors";
import { verifySignedElement } from "./signature";
import { certificateValidityWarnings, type SamlWarning } from "./warnings";
import { decodeSamlMessage, descendants, elementChildren, firstChild, hasComment, isAncestor, NS, parseUntrustedXml, textOf } from "./xml";

export type { InResponseToExpectation } from "./assertion-checks";
export type { SamlWarning } from "./warnings";

export interface SamlValidationConfig {
  spEntityId: string;
  acsUrl: string;
  idpEntityId: string;
  /** PEM certificates (or bare public keys); only these may sign. */
  idpCertificates: string[];
  /** The SP private key, for encrypted assertions. */
  spPrivateKey?: string;
  /** Around an SP key rotation: the other published key, which an IdP may still encrypt to. */
  spOtherPrivateKeys?: string[];
  allowSha1?: boolean;
  allowUnsignedAssertion?: boolean;
  allowRsa15?: boolean;
  clockSkewSeconds?: number;
  /** Also require the Response itself to be signed (some IdPs can; most sign only the assertion). */
  requireResponseSignature?: boolean;
  /** Relaxations some other SPs default to; Portico's connections never turn these off. */
  requireAudience?: boolean;
  requireSubjectConfirmation?: boolean;
}

export interface ValidatedAssertion {
  responseId: string;
  assertionId: string;
  issuer: string;
  inResponseTo: string | null;
  nameId: string;
  nameIdFormat: string | null;
  sessionIndex: string | null;
  attributes: Record<string, string[]>;
  /** Until when the assertion ID must stay in the replay cache (check 8). */
  replayExpiresAt: Date;
  /** Accepted, but worth fixing at the IdP (a signing certificate outside its dates). */
  warnings: SamlWarning[];
  /** The configured certificates that verified the signatures (what a certificate renewal's test proves). */
  verifiedBy: string[];
}

type SamlValidationResult =
  | { ok: true; assertion: ValidatedAssertion; xml: string }
  | { ok: false; code: SamlErrorCode; explanation: string; xml: string | null };

const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

/** The XML of a posted SAMLResponse, for the session log, or null when it cannot be decoded. */
function decodeForLog(samlResponse: string): string | null {
  try {
    return decodeSamlMessage(samlResponse);
  } catch {
    return null;
  }
}

/**
 * What request the response claims to answer, read before validation so the caller can look it up.
 * Unauthenticated: it only chooses the expectation; validation then checks it against signed content.
 */
export function peekInResponseTo(samlResponse: string): string | null {
  try {
    const doc = parseUntrustedXml(decodeSamlMessage(samlResponse));
    const root = doc.documentElement.getAttribute("InResponseTo");
    if (root) return root;
    return descendants(doc, NS.assertion, "SubjectConfirmationData")[0]?.getAttribute("InResponseTo") || null;
  } catch {
    return null;
  }
}

/**
 * The response's Issuer, unverified: only to choose which connection's configuration validates it (an
 * imported connection's shared ACS serves several). Trust comes from the signature check that follows.
 */
export function peekIssuer(samlResponse: string): string | null {
  try {
    const doc = parseUntrustedXml(decodeSamlMessage(samlResponse));
    const own = firstChild(doc.documentElement, NS.assertion, "Issuer");
    return textOf(own ?? descendants(doc, NS.assertion, "Issuer")[0]) || null;
  } catch {
    return null;
  }
}

function checkStatus(root: Element): void {
  const status = firstChild(root, NS.protocol, "Status");
  if (!status) throw new SamlError("malformed_response", "the response has no Status");
  const code = firstChild(status, NS.protocol, "StatusCode");
  const value = code?.getAttribute("Value") ?? "";
  if (value === SUCCESS) return;
  const second = code ? firstChild(code, NS.protocol, "StatusCode")?.getAttribute("Value") : undefined;
  const message = textOf(firstChild(status, NS.protocol, "StatusMessage"));
  const short = (v: string) => v.split(":").at(-1);
  throw new SamlError("idp_error_status", [short(value), second && short(second), message].filter(Boolean).join(" / "));
}

/** Nested assertions and signatures inside an assertion may live only in its Advice. */
function checkAssertionInterior(assertion: Element): void {
  const advice = elementChildren(assertion, NS.assertion, "Advice");
  const insideAdvice = (node: Element) => advice.some((a) => isAncestor(a, node));
  for (const nested of descendants(assertion, NS.assertion, "Assertion")) {
    if (!insideAdvice(nested)) throw new SamlError("signature_wrapping", "an assertion nested outside Advice");
  }
  for (const signature of descendants(assertion, NS.dsig, "Signature")) {
    if (signature.parentNode !== assertion && !insideAdvice(signature)) throw new SamlError("signature_wrapping", "a signature nested inside the assertion");
  }
}

/**
 * Check 1 (structure): exactly one assertion, a direct child of the Response; any other Assertion or
 * Signature may live only inside that assertion's Advice. Anything else is a wrapping attempt.
 */
function checkStructure(root: Element): Element {
  const direct = [...elementChildren(root, NS.assertion, "Assertion"), ...elementChildren(root, NS.assertion, "EncryptedAssertion")];
  if (direct.length !== 1) throw new SamlError("assertion_count", `found ${direct.length}`);
  const assertion = direct[0]!;
  for (const other of descendants(root, NS.assertion, "Assertion")) {
    if (other !== assertion && !isAncestor(assertion, other)) throw new SamlError("signature_wrapping", "an assertion outside the response's assertion");
  }
  for (const signature of descendants(root, NS.dsig, "Signature")) {
    if (signature.parentNode === root || isAncestor(assertion, signature)) continue;
    throw new SamlError("signature_wrapping", `a signature inside ${(signature.parentNode as Element | null)?.tagName ?? "the document"}`);
  }
  if (assertion.localName === "Assertion") checkAssertionInterior(assertion);
  return assertion;
}

function onlySignature(element: Element): Element | undefined {
  const signatures = elementChildren(element, NS.dsig, "Signature");
  if (signatures.length > 1) throw new SamlError("signature_wrapping", "more than one signature on one element");
  return signatures[0];
}

function idOf(element: Element, what: string): string {
  const id = element.getAttribute("ID");
  if (!id) throw new SamlError("missing_id", `${what} has no ID`);
  return id;
}

/**
 * Validates a SAMLResponse (base64 or XML) against a connection's configuration at `now`.
 * Pure: the clock, the request expectation and the keys are all parameters. Throws SamlError.
 */
export function validateSamlResponseOrThrow(input: {
  samlResponse: string;
  config: SamlValidationConfig;
  inResponseTo: InResponseToExpectation;
  now: Date;
}): ValidatedAssertion {
  const { config, now } = input;
  const xml = decodeSamlMessage(input.samlResponse);
  const root = parseUntrustedXml(xml).documentElement;
  if (root.localName === "Response" && root.namespaceURI === "urn:oasis:names:tc:SAML:1.0:protocol") throw new SamlError("unsupported_version", "SAML 1.x");
  if (root.namespaceURI !== NS.protocol || root.localName !== "Response") throw new SamlError("not_a_response", root.tagName);
  if (root.getAttribute("Version") !== "2.0") throw new SamlError("unsupported_version", root.getAttribute("Version") ?? "(none)");
  const responseId = idOf(root, "the response");
  checkStatus(root);
  const placed = checkStructure(root);
  const verify = { certificates: config.idpCertificates, allowSha1: config.allowSha1 ?? false };

  const responseSignature = onlySignature(root);
  if (!responseSignature && config.requireResponseSignature) {
    const assertionSigned = placed.localName === "Assertion" && elementChildren(placed, NS.dsig, "Signature").length > 0;
    throw new SamlError(assertionSigned ? "response_not_signed" : "signature_missing");
  }
  const verifiedBy: string[] = [];
  const responseVerified = responseSignature ? verifySignedElement({ xml, signature: responseSignature, referencedId: responseId, ...verify }) : undefined;
  if (responseVerified) verifiedBy.push(responseVerified.certificate);
  const signedResponse = responseVerified?.element;
  if (signedResponse && (signedResponse.localName !== "Response" || signedResponse.getAttribute("ID") !== responseId)) {
    throw new SamlError("signature_wrapping", "the response signature covers another element");
  }

  // Check 11 and the encrypted-assertion path: the response signature (if any) covered the ciphertext.
  let assertionXml = xml;
  let assertion = placed;
  if (placed.localName === "EncryptedAssertion") {
    assertionXml = decryptWithAnyKey(placed, config);
    assertion = parseUntrustedXml(assertionXml).documentElement;
    if (assertion.namespaceURI !== NS.assertion || assertion.localName !== "Assertion")
      throw new SamlError("encrypted_assertion_unreadable", "it does not hold an Assertion");
    checkAssertionInterior(assertion);
  }
  const assertionId = idOf(assertion, "the assertion");

  const assertionSignature = onlySignature(assertion);
  let trusted: Element | undefined;
  const fromSignedResponse = () =>
    placed.localName === "EncryptedAssertion" ? assertion : signedResponse ? elementChildren(signedResponse, NS.assertion, "Assertion")[0] : undefined;
  if (assertionSignature) {
    try {
      const signed = verifySignedElement({ xml: assertionXml, signature: assertionSignature, referencedId: assertionId, ...verify });
      verifiedBy.push(signed.certificate);
      trusted = signed.element;
    } catch (error) {
      // With an explicit opt-out of assertion signatures, a verified Response signature already covers
      // every byte of the assertion, so a stale inner signature adds nothing (some IdPs re-sign the outer only).
      const coveredByResponse = signedResponse && config.allowUnsignedAssertion && error instanceof SamlError && error.code === "signature_invalid";
      if (!coveredByResponse) throw error;
      trusted = fromSignedResponse();
    }
  } else if (!signedResponse) {
    throw new SamlError("signature_missing");
  } else if (!config.allowUnsignedAssertion) {
    throw new SamlError("assertion_not_signed");
  } else {
    trusted = fromSignedResponse();
  }
  if (trusted?.localName !== "Assertion" || trusted.getAttribute("ID") !== assertionId) {
    throw new SamlError("signature_wrapping", "the signed content is not the response's assertion");
  }
  const response = signedResponse ?? root;

  // Check 10: comments in the identity are an attack, not formatting.
  const rawSubject = firstChild(assertion, NS.assertion, "Subject");
  const rawNameId = rawSubject ? firstChild(rawSubject, NS.assertion, "NameID") : undefined;
  if ((rawNameId && hasComment(rawNameId)) || descendants(assertion, NS.assertion, "AttributeValue").some(hasComment)) {
    throw new SamlError("comment_injection");
  }

  const content = {
    spEntityId: config.spEntityId,
    acsUrl: config.acsUrl,
    idpEntityId: config.idpEntityId,
    clockSkewSeconds: config.clockSkewSeconds ?? 180,
    requireAudience: config.requireAudience ?? true,
    requireSubjectConfirmation: config.requireSubjectConfirmation ?? true,
  };
  checkIssuer(response, config.idpEntityId, false);
  checkIssuer(trusted, config.idpEntityId, true);
  checkDestination(response, config.acsUrl);
  const conditionsEnd = checkConditions(trusted, content, now);
  const responseInResponseTo = response.getAttribute("InResponseTo") || null;
  if (responseInResponseTo) {
    const problem = inResponseToProblem(responseInResponseTo, input.inResponseTo);
    if (problem) throw problem;
  }
  // A request id read from a signed Response vouches for a SubjectConfirmation without one.
  const signedAnswer = signedResponse?.getAttribute("InResponseTo") || null;
  const expectation: InResponseToExpectation =
    input.inResponseTo.kind === "request" ? { ...input.inResponseTo, answeredBySignedResponse: signedAnswer === input.inResponseTo.id } : input.inResponseTo;
  const confirmationEnd = checkSubjectConfirmation(trusted, content, expectation, now);
  if (!confirmationEnd && !responseInResponseTo) {
    const problem = inResponseToProblem(null, expectation);
    if (problem) throw problem;
  }
  const authn = checkAuthnStatements(trusted, content, now);

  const subject = firstChild(trusted, NS.assertion, "Subject");
  const nameIdElement = subject ? firstChild(subject, NS.assertion, "NameID") : undefined;
  const nameId = textOf(nameIdElement);
  if (!nameId) throw new SamlError("name_id_missing");
  const confirmationData = subject ? descendants(subject, NS.assertion, "SubjectConfirmationData")[0] : undefined;
  const ends = [conditionsEnd, confirmationEnd].filter((d): d is Date => d !== null).map((d) => d.getTime());
  const skewMs = content.clockSkewSeconds * 1000;
  return {
    responseId,
    assertionId,
    issuer: textOf(firstChild(trusted, NS.assertion, "Issuer")) ?? config.idpEntityId,
    inResponseTo: responseInResponseTo ?? confirmationData?.getAttribute("InResponseTo") ?? null,
    nameId,
    nameIdFormat: nameIdElement?.getAttribute("Format") || null,
    sessionIndex: authn?.getAttribute("SessionIndex") || null,
    attributes: readAttributes(trusted),
    replayExpiresAt: new Date((ends.length ? Math.max(...ends) : now.getTime() + 24 * 3600_000) + skewMs),
    warnings: certificateValidityWarnings(verifiedBy, now),
    verifiedBy: [...new Set(verifiedBy)],
  };
}

function decryptWithAnyKey(placed: Element, config: SamlValidationConfig): string {
  const [first, ...others] = [config.spPrivateKey, ...(config.spOtherPrivateKeys ?? [])];
  try {
    return decryptAssertion(placed, { privateKey: first, allowRsa15: config.allowRsa15 ?? false });
  } catch (error) {
    for (const privateKey of others) {
      try {
        return decryptAssertion(placed, { privateKey, allowRsa15: config.allowRsa15 ?? false });
      } catch {
        // The first key's error is the one worth reporting.
      }
    }
    throw error;
  }
}

export function validateSamlResponse(input: Parameters<typeof validateSamlResponseOrThrow>[0]): SamlValidationResult {
  const xml = decodeForLog(input.samlResponse);
  try {
    return { ok: true, assertion: validateSamlResponseOrThrow(input), xml: xml! };
  } catch (error) {
    if (error instanceof SamlError) return { ok: false, code: error.code, explanation: error.explanation, xml };
    // Library failures on hostile input are still refusals, never crashes.
    return { ok: false, code: "malformed_response", explanation: `${new SamlError("malformed_response").explanation} (${(error as Error).message})`, xml };
  }
}
