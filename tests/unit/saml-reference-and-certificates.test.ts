import { beforeAll, describe, expect, it } from "vitest";
import { samlErrorExplanations } from "@/server/saml/errors";
import { validateSamlResponse, type SamlValidationConfig } from "@/server/saml/validate";
import { assertionXml, buildResponse, makeKeyPair, signElement, wrapInResponse, type BuildOptions, type KeyPair } from "../support/saml-idp";

/** Signatures must name what they sign; certificates outside their dates are accepted with a warning. */
const now = new Date("2030-05-01T12:00:00Z");
const SP = "https://portico.example.com/sso/saml/conn_1/metadata";
const ACS = "https://portico.example.com/sso/saml/conn_1/acs";
const IDP = "https://idp.example.net/metadata";
const REQUEST_ID = "_request_1";
const DAY = 86_400_000;

let idp: KeyPair;
let expired: KeyPair;
let notYetValid: KeyPair;

beforeAll(async () => {
  [idp, expired, notYetValid] = await Promise.all([
    makeKeyPair("idp.example.net", { notBefore: new Date(now.getTime() - 30 * DAY), notAfter: new Date(now.getTime() + 365 * DAY) }),
    makeKeyPair("old.idp.example.net", { notBefore: new Date(now.getTime() - 400 * DAY), notAfter: new Date(now.getTime() - 2 * DAY) }),
    makeKeyPair("next.idp.example.net", { notBefore: new Date(now.getTime() + 3 * DAY), notAfter: new Date(now.getTime() + 400 * DAY) }),
  ]);
});

const options = (overrides: Partial<BuildOptions> = {}): BuildOptions => ({
  issuer: IDP,
  audience: SP,
  acsUrl: ACS,
  inResponseTo: REQUEST_ID,
  nameId: "ada@acme.example.com",
  issueInstant: now,
  ...overrides,
});
const config = (key: KeyPair, extra: Partial<SamlValidationConfig> = {}): SamlValidationConfig => ({
  spEntityId: SP,
  acsUrl: ACS,
  idpEntityId: IDP,
  idpCertificates: [key.certificate],
  ...extra,
});
const validate = (xml: string, cfg: SamlValidationConfig) =>
  validateSamlResponse({ samlResponse: Buffer.from(xml).toString("base64"), config: cfg, inResponseTo: { kind: "request", id: REQUEST_ID }, now });

describe("a signature Reference with an empty URI", () => {
  it("is refused on the response, even around an assertion the connection lets go unsigned", () => {
    const xml = signElement(wrapInResponse(options(), assertionXml(options())), "Response", idp, { emptyReferenceUri: true });
    expect(xml).toContain('URI=""');
    const result = validate(xml, config(idp, { allowUnsignedAssertion: true }));
    expect(result).toMatchObject({ ok: false, code: "signature_reference_empty" });
    // The same response signed by ID passes: the refusal is about the reference alone.
    expect(validate(signElement(wrapInResponse(options(), assertionXml(options())), "Response", idp), config(idp, { allowUnsignedAssertion: true })).ok).toBe(
      true,
    );
  });

  it("is refused on a response whose assertion is properly signed too", () => {
    const inner = signElement(assertionXml(options()), "Assertion", idp);
    const xml = signElement(wrapInResponse(options(), inner), "Response", idp, { emptyReferenceUri: true });
    const result = validate(xml, config(idp));
    expect(result.ok ? "ok" : result.code).toBe("signature_reference_empty");
    if (!result.ok) expect(result.explanation).toBe(samlErrorExplanations.signature_reference_empty);
    expect(samlErrorExplanations.signature_reference_empty).toContain("5.4.2");
  });
});

describe("certificate validity", () => {
  it("accepts a response signed with the configured certificate without a warning while it is valid", () => {
    const result = validate(buildResponse(idp, options()), config(idp));
    expect(result.ok && result.assertion.warnings).toEqual([]);
  });

  it("accepts a response verified by an expired certificate, with a warning naming its end date", () => {
    const result = validate(buildResponse(expired, options({ signResponse: true })), config(expired));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Response and assertion are signed by the same certificate: one warning, not two.
    expect(result.assertion.warnings).toEqual([
      { code: "certificate_expired", explanation: expect.stringContaining(new Date(now.getTime() - 2 * DAY).toISOString().slice(0, 10)) },
    ]);
    expect(result.assertion.warnings[0]!.explanation).toContain("old.idp.example.net");
  });

  it("warns about a certificate that is not valid yet, at the validation's own clock", () => {
    const xml = buildResponse(notYetValid, options());
    const early = validate(xml, config(notYetValid));
    expect(early.ok && early.assertion.warnings.map((w) => w.code)).toEqual(["certificate_not_yet_valid"]);
    const later = validateSamlResponse({
      samlResponse: xml,
      config: { ...config(notYetValid), clockSkewSeconds: 10 * 86_400 },
      inResponseTo: { kind: "unchecked" },
      now: new Date(now.getTime() + 5 * DAY),
    });
    expect(later.ok && later.assertion.warnings).toEqual([]);
  });

  it("warns only about the certificate that verified, not the other configured ones", () => {
    const result = validate(buildResponse(idp, options()), config(idp, { idpCertificates: [expired.certificate, idp.certificate] }));
    expect(result.ok && result.assertion.warnings).toEqual([]);
  });
});
