import { SamlError, type SamlErrorCode } from "./errors";
import { elementChildren, firstChild, NS, textOf } from "./xml";

interface ContentCheckConfig {
  spEntityId: string;
  acsUrl: string;
  idpEntityId: string;
  clockSkewSeconds: number;
  requireAudience: boolean;
  requireSubjectConfirmation: boolean;
}

/** What the response says it answers, and what Portico knows about that request. */
export type InResponseToExpectation =
  | { kind: "request"; id: string; answeredBySignedResponse?: boolean }
  | { kind: "unknown" }
  | { kind: "unsolicited"; allowed: boolean }
  | { kind: "unchecked" };

const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

function instant(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Check 6: NotBefore / NotOnOrAfter with the configured skew either way. */
function timeProblem(notBefore: Date | null, notOnOrAfter: Date | null, now: Date, skewMs: number): SamlErrorCode | null {
  if (notBefore && now.getTime() + skewMs < notBefore.getTime()) return "not_yet_valid";
  if (notOnOrAfter && now.getTime() - skewMs >= notOnOrAfter.getTime()) return "expired";
  return null;
}

export function checkIssuer(element: Element, idpEntityId: string, required: boolean): void {
  const issuer = textOf(firstChild(element, NS.assertion, "Issuer"));
  if (issuer === undefined) {
    if (required) throw new SamlError("issuer_mismatch", "the assertion has no Issuer");
    return;
  }
  if (issuer !== idpEntityId) throw new SamlError("issuer_mismatch", `expected ${idpEntityId}, got ${issuer}`);
}

export function checkDestination(response: Element, acsUrl: string): void {
  if (!response.hasAttribute("Destination")) return;
  const destination = response.getAttribute("Destination") ?? "";
  if (destination !== acsUrl) throw new SamlError("destination_mismatch", `expected ${acsUrl}, got ${destination || "(empty)"}`);
}

/** Conditions: exactly one, inside its window, and naming this SP in every AudienceRestriction (check 5, 6). */
export function checkConditions(assertion: Element, config: ContentCheckConfig, now: Date): Date | null {
  const conditions = elementChildren(assertion, NS.assertion, "Conditions");
  if (conditions.length !== 1) throw new SamlError("conditions_missing");
  const c = conditions[0]!;
  const notOnOrAfter = instant(c.getAttribute("NotOnOrAfter"));
  const problem = timeProblem(instant(c.getAttribute("NotBefore")), notOnOrAfter, now, config.clockSkewSeconds * 1000);
  if (problem) throw new SamlError(problem, `Conditions ${c.getAttribute("NotBefore") ?? ""} – ${c.getAttribute("NotOnOrAfter") ?? ""}`);
  const restrictions = elementChildren(c, NS.assertion, "AudienceRestriction");
  if (restrictions.length === 0 && config.requireAudience) throw new SamlError("audience_missing");
  for (const restriction of restrictions) {
    const audiences = elementChildren(restriction, NS.assertion, "Audience").map((a) => textOf(a));
    if (!audiences.includes(config.spEntityId)) {
      throw new SamlError("audience_mismatch", `expected ${config.spEntityId}, got ${audiences.join(", ") || "(none)"}`);
    }
  }
  return notOnOrAfter;
}

/**
 * At least one bearer SubjectConfirmation must fit: Recipient = ACS URL, inside its window, answering
 * the request Portico issued. When none fits, the one that got furthest names the problem.
 */
export function checkSubjectConfirmation(assertion: Element, config: ContentCheckConfig, expectation: InResponseToExpectation, now: Date): Date | null {
  const subject = firstChild(assertion, NS.assertion, "Subject");
  const confirmations = subject ? elementChildren(subject, NS.assertion, "SubjectConfirmation").filter((s) => s.getAttribute("Method") === BEARER) : [];
  if (confirmations.length === 0) {
    if (config.requireSubjectConfirmation) throw new SamlError("subject_confirmation_invalid", "no bearer SubjectConfirmation");
    return null;
  }
  let best: { stage: number; error: SamlError } = { stage: -1, error: new SamlError("subject_confirmation_invalid") };
  const fail = (stage: number, error: SamlError) => {
    if (stage > best.stage) best = { stage, error };
  };
  for (const confirmation of confirmations) {
    const data = firstChild(confirmation, NS.assertion, "SubjectConfirmationData");
    if (!data) {
      fail(0, new SamlError("subject_confirmation_invalid", "SubjectConfirmationData is missing"));
      continue;
    }
    const recipient = data.getAttribute("Recipient") ?? "";
    if (recipient !== config.acsUrl) {
      fail(1, new SamlError("recipient_mismatch", `expected ${config.acsUrl}, got ${recipient || "(none)"}`));
      continue;
    }
    const notOnOrAfter = instant(data.getAttribute("NotOnOrAfter"));
    const problem = timeProblem(instant(data.getAttribute("NotBefore")), notOnOrAfter, now, config.clockSkewSeconds * 1000);
    if (problem) {
      fail(2, new SamlError(problem, `SubjectConfirmationData ${data.getAttribute("NotBefore") ?? ""} – ${data.getAttribute("NotOnOrAfter") ?? ""}`));
      continue;
    }
    if (!notOnOrAfter) {
      fail(2, new SamlError("subject_confirmation_invalid", "SubjectConfirmationData has no NotOnOrAfter"));
      continue;
    }
    const answered = data.getAttribute("InResponseTo");
    const inResponseProblem = inResponseToProblem(answered, expectation);
    if (inResponseProblem) {
      fail(3, inResponseProblem);
      continue;
    }
    return notOnOrAfter;
  }
  throw best.error;
}

/** Check 7: a response answers the request Portico issued, or none at all (IdP-initiated, when enabled). */
export function inResponseToProblem(answered: string | null, expectation: InResponseToExpectation): SamlError | null {
  switch (expectation.kind) {
    case "unchecked":
      return null;
    case "request":
      if (answered) return answered === expectation.id ? null : new SamlError("in_response_to_mismatch", `expected ${expectation.id}, got ${answered}`);
      return expectation.answeredBySignedResponse ? null : new SamlError("in_response_to_mismatch", "the signed content does not say which request it answers");
    case "unknown":
      return new SamlError("unknown_request", answered ?? undefined);
    case "unsolicited":
      if (answered) return new SamlError("unknown_request", answered);
      return expectation.allowed ? null : new SamlError("unsolicited_response");
  }
}

export function readAttributes(assertion: Element): Record<string, string[]> {
  const attributes: Record<string, string[]> = {};
  const seen = new Set<string>();
  for (const statement of elementChildren(assertion, NS.assertion, "AttributeStatement")) {
    for (const attribute of elementChildren(statement, NS.assertion, "Attribute")) {
      const name = attribute.getAttribute("Name");
      if (!name) continue;
      if (seen.has(name)) throw new SamlError("duplicate_attribute", name);
      seen.add(name);
      const values = elementChildren(attribute, NS.assertion, "AttributeValue").map((v) => textOf(v) ?? "");
      // An attribute without values is absent, not an empty list (IdPs send these for unset fields).
      if (values.length) attributes[name] = values;
    }
  }
  return attributes;
}

/** At least one AuthnStatement, and a session the IdP has not already ended (SessionNotOnOrAfter). */
export function checkAuthnStatements(assertion: Element, config: ContentCheckConfig, now: Date): Element {
  const statements = elementChildren(assertion, NS.assertion, "AuthnStatement");
  if (statements.length === 0) throw new SamlError("authn_statement_missing");
  for (const statement of statements) {
    const sessionEnd = instant(statement.getAttribute("SessionNotOnOrAfter"));
    if (timeProblem(null, sessionEnd, now, config.clockSkewSeconds * 1000))
      throw new SamlError("expired", `SessionNotOnOrAfter ${statement.getAttribute("SessionNotOnOrAfter")}`);
  }
  return statements[0]!;
}
