import { beforeAll, describe, expect, it } from "vitest";
import { validateSamlResponse, type SamlValidationConfig, type InResponseToExpectation } from "@/server/saml/validate";
import {
  buildEncryptedResponse,
  buildResponse,
  makeKeyPair,
  samlId,
  signElement,
  assertionXml,
  wrapInResponse,
  type BuildOptions,
  type KeyPair,
} from "../support/saml-idp";

/**
 * Every SAML check in SECURITY.md, attacked with responses made from a freshly signed one.
 * The clock is injected: `now` is fixed and the test IdP signs windows around it.
 */
const now = new Date("2030-05-01T12:00:00Z");
const SP = "https://portico.example.com/sso/saml/conn_1/metadata";
const ACS = "https://portico.example.com/sso/saml/conn_1/acs";
const IDP = "https://idp.example.net/metadata";
const REQUEST_ID = "_request_1";

let idp: KeyPair;
let otherIdp: KeyPair;
let sp: KeyPair;
let config: SamlValidationConfig;

beforeAll(async () => {
  [idp, otherIdp, sp] = await Promise.all([makeKeyPair("idp.example.net"), makeKeyPair("attacker.example.org"), makeKeyPair("portico.example.com")]);
  config = { spEntityId: SP, acsUrl: ACS, idpEntityId: IDP, idpCertificates: [idp.certificate], spPrivateKey: sp.privateKey };
});

function options(overrides: Partial<BuildOptions> = {}): BuildOptions {
  return {
    issuer: IDP,
    audience: SP,
    acsUrl: ACS,
    inResponseTo: REQUEST_ID,
    nameId: "ada@acme.example.com",
    attributes: { email: "ada@acme.example.com", firstName: "Ada", lastName: "Lovelace", groups: ["Engineering", "Admins"] },
    issueInstant: now,
    ...overrides,
  };
}

function validate(
  xml: string,
  extra: Partial<SamlValidationConfig> = {},
  expectation: InResponseToExpectation = { kind: "request", id: REQUEST_ID },
  at = now,
) {
  return validateSamlResponse({ samlResponse: Buffer.from(xml).toString("base64"), config: { ...config, ...extra }, inResponseTo: expectation, now: at });
}

function code(xml: string, extra: Partial<SamlValidationConfig> = {}, expectation?: InResponseToExpectation, at?: Date) {
  const result = validate(xml, extra, expectation, at);
  return result.ok ? "ok" : result.code;
}

describe("a genuine response", () => {
  it("is accepted with its signed assertion's claims", () => {
    const result = validate(buildResponse(idp, options()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.assertion).toMatchObject({
      issuer: IDP,
      inResponseTo: REQUEST_ID,
      nameId: "ada@acme.example.com",
      attributes: { email: ["ada@acme.example.com"], firstName: ["Ada"], groups: ["Engineering", "Admins"] },
    });
  });

  it("is accepted when both the response and the assertion are signed", () => {
    expect(code(buildResponse(idp, options({ signResponse: true })))).toBe("ok");
  });

  it("is accepted signed by any of several configured certificates (rotation)", () => {
    expect(code(buildResponse(idp, options()), { idpCertificates: [otherIdp.certificate, idp.certificate] })).toBe("ok");
  });

  it("accepts encrypted assertions: AES-GCM and AES-CBC content, RSA-OAEP key transport", async () => {
    for (const content of ["aes256-gcm", "aes128-cbc"] as const) {
      const xml = await buildEncryptedResponse(idp, options(), { spCertificate: sp.certificate, content });
      expect(xml).toContain("EncryptedAssertion");
      const result = validate(xml);
      expect(result.ok ? result.assertion.nameId : result.code, content).toBe("ada@acme.example.com");
    }
  });
});

describe("check 1: no signature, or a signature over something other than what is consumed", () => {
  it("refuses a response with no signature at all", () => {
    expect(code(buildResponse(idp, options({ signAssertion: false })))).toBe("signature_missing");
  });

  it("refuses an assertion altered after signing", () => {
    const xml = buildResponse(idp, options()).replace("ada@acme.example.com</saml:NameID>", "eve@acme.example.com</saml:NameID>");
    expect(code(xml)).toBe("signature_invalid");
  });

  it("refuses a forged assertion placed beside the signed one (XSW: two assertions)", () => {
    const genuine = buildResponse(idp, options());
    const forged = assertionXml(options({ nameId: "eve@acme.example.com" }));
    expect(code(genuine.replace("<saml:Assertion", `${forged}<saml:Assertion`))).toBe("assertion_count");
  });

  it("refuses the signed assertion hidden in Status/StatusDetail behind a forged one (XSW)", () => {
    const genuine = buildResponse(idp, options());
    const signed = genuine.slice(genuine.indexOf("<saml:Assertion"), genuine.indexOf("</samlp:Response>"));
    const forged = assertionXml(options({ nameId: "eve@acme.example.com" }));
    const attack = genuine.replace(signed, forged).replace("</samlp:Status>", `<samlp:StatusDetail>${signed}</samlp:StatusDetail></samlp:Status>`);
    expect(code(attack)).toBe("signature_wrapping");
  });

  it("refuses a forged assertion that wraps the signed one and borrows its signature (XSW)", () => {
    const genuine = buildResponse(idp, options());
    const signed = genuine.slice(genuine.indexOf("<saml:Assertion"), genuine.indexOf("</samlp:Response>"));
    const signature = signed.slice(signed.indexOf("<ds:Signature"), signed.indexOf("</ds:Signature>") + "</ds:Signature>".length);
    const forged = assertionXml(options({ nameId: "eve@acme.example.com" })).replace(
      "</saml:Issuer>",
      `</saml:Issuer>${signature}<saml:Extensions>${signed.replace(signature, "")}</saml:Extensions>`,
    );
    expect(code(genuine.replace(signed, forged))).toBe("signature_wrapping");
  });

  it("refuses a signature whose reference points at another element with the same ID (XSW)", () => {
    const genuine = buildResponse(idp, options());
    const id = /<saml:Assertion[^>]* ID="([^"]+)"/.exec(genuine)![1]!;
    const forged = assertionXml(options({ nameId: "eve@acme.example.com", assertionId: id }));
    const attack = genuine.replace("<samlp:Status>", `<samlp:Extensions>${forged}</samlp:Extensions><samlp:Status>`);
    expect(["signature_wrapping", "signature_invalid"]).toContain(code(attack));
  });

  it("refuses a document with two root elements", () => {
    const genuine = buildResponse(idp, options());
    expect(code(`${genuine}${genuine}`)).toBe("malformed_response");
  });

  it("refuses a signature with a second SignedInfo", () => {
    const genuine = buildResponse(idp, options());
    const signedInfo = /<ds:SignedInfo>[\s\S]*<\/ds:SignedInfo>/.exec(genuine)![0];
    expect(code(genuine.replace(signedInfo, signedInfo + signedInfo))).toBe("signature_wrapping");
  });
});

describe("check 2: a signed response around an unsigned assertion", () => {
  const unsignedInsideSigned = () => buildResponse(idp, options({ signAssertion: false, signResponse: true }));

  it("is refused by default", () => {
    expect(code(unsignedInsideSigned())).toBe("assertion_not_signed");
  });

  it("is accepted only when the connection opts out explicitly", () => {
    expect(code(unsignedInsideSigned(), { allowUnsignedAssertion: true })).toBe("ok");
  });
});

describe("check 3: only the configured certificates may sign", () => {
  it("refuses a response signed by another key, even with that key's certificate in KeyInfo", () => {
    const xml = buildResponse(otherIdp, options());
    expect(xml).toContain("<ds:X509Certificate>");
    expect(code(xml)).toBe("untrusted_certificate");
  });

  it("refuses an attacker who re-signs a genuine response with their own key", () => {
    const genuine = buildResponse(idp, options({ signAssertion: false }));
    const resigned = signElement(genuine.replace("ada@acme.example.com</saml:NameID>", "eve@acme.example.com</saml:NameID>"), "Response", otherIdp);
    expect(code(resigned, { allowUnsignedAssertion: true })).toBe("untrusted_certificate");
  });
});

describe("check 4: weak algorithms", () => {
  it("refuses rsa-sha1 and sha1 digests by default", () => {
    expect(code(buildResponse(idp, options({ sha1: true })))).toBe("weak_algorithm");
  });

  it("accepts them when the connection opts in", () => {
    expect(code(buildResponse(idp, options({ sha1: true })), { allowSha1: true })).toBe("ok");
  });
});

describe("check 5: Issuer, Audience, Recipient and Destination", () => {
  it("refuses another IdP's issuer", () => {
    expect(code(buildResponse(idp, options({ issuer: "https://other-idp.example.net" })))).toBe("issuer_mismatch");
  });
  it("refuses an assertion for another SP", () => {
    expect(code(buildResponse(idp, options({ audience: "https://other-sp.example.com" })))).toBe("audience_mismatch");
  });
  it("refuses another Recipient", () => {
    const xml = buildResponse(idp, options({ acsUrl: "https://other-sp.example.com/acs", destination: ACS }));
    expect(code(xml)).toBe("recipient_mismatch");
  });
  it("refuses another Destination", () => {
    expect(code(buildResponse(idp, options({ destination: "https://other-sp.example.com/acs" })))).toBe("destination_mismatch");
  });
});

describe("check 6: validity windows with 180 s of skew", () => {
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  const xml = () => buildResponse(idp, options({ notBefore: now, notOnOrAfter: at(300) }));

  it("accepts inside the window and within the skew on both sides", () => {
    const signed = xml();
    expect(code(signed, {}, undefined, at(-170))).toBe("ok");
    expect(code(signed, {}, undefined, at(470))).toBe("ok");
  });
  it("refuses before NotBefore minus skew", () => {
    expect(code(xml(), {}, undefined, at(-190))).toBe("not_yet_valid");
  });
  it("refuses at NotOnOrAfter plus skew", () => {
    expect(code(xml(), {}, undefined, at(480))).toBe("expired");
  });
  it("honours a connection's own skew", () => {
    expect(code(xml(), { clockSkewSeconds: 10 }, undefined, at(320))).toBe("expired");
  });
});

describe("check 7: InResponseTo", () => {
  it("refuses a response to another request", () => {
    expect(code(buildResponse(idp, options({ inResponseTo: "_someone_elses" })))).toBe("in_response_to_mismatch");
  });
  it("refuses a response to a request Portico never issued", () => {
    expect(code(buildResponse(idp, options()), {}, { kind: "unknown" })).toBe("unknown_request");
  });
  it("refuses an unsolicited (IdP-initiated) response unless the connection enables it", () => {
    const xml = buildResponse(idp, options({ inResponseTo: null }));
    expect(code(xml, {}, { kind: "unsolicited", allowed: false })).toBe("unsolicited_response");
    expect(code(xml, {}, { kind: "unsolicited", allowed: true })).toBe("ok");
  });
  it("does not let an unsigned Response wrapper claim a request for an IdP-initiated assertion", () => {
    const assertion = signElement(assertionXml(options({ inResponseTo: null })), "Assertion", idp);
    const xml = wrapInResponse(options({ inResponseTo: REQUEST_ID }), assertion);
    expect(code(xml)).toBe("in_response_to_mismatch");
  });
});

describe("check 9: DOCTYPE, entities and size", () => {
  it("refuses an external entity (XXE)", () => {
    const genuine = buildResponse(idp, options());
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${genuine.replace("Ada</saml:AttributeValue>", "&x;</saml:AttributeValue>")}`;
    expect(code(xxe)).toBe("dtd_forbidden");
  });
  it("refuses a billion-laughs document", () => {
    const bomb = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&lol2;</samlp:Response>`;
    expect(code(bomb)).toBe("dtd_forbidden");
  });
  it("refuses bodies over 1 MiB", () => {
    const genuine = buildResponse(idp, options({ attributes: { padding: "x".repeat(1024 * 1024) } }));
    expect(code(genuine)).toBe("response_too_large");
  });
});

describe("check 10: comment-injected NameID", () => {
  it("never reads user@evil.com out of user@evil.com<!---->.good.com", () => {
    const genuine = buildResponse(idp, options({ nameId: "user@evil.com.good.com", attributes: {} }));
    const injected = genuine.replace("user@evil.com.good.com</saml:NameID>", "user@evil.com<!---->.good.com</saml:NameID>");
    const result = validate(injected);
    expect(result.ok ? result.assertion.nameId : result.code).toBe("comment_injection");
  });
});

describe("check 11: encrypted assertions with deprecated key transport", () => {
  it("refuses rsa-1_5 key transport unless the connection opts in", async () => {
    const xml = await buildEncryptedResponse(idp, options(), { spCertificate: sp.certificate, keyTransport: "rsa-1_5" });
    expect(code(xml)).toBe("insecure_key_transport");
  });
  it("refuses an assertion encrypted to another SP key", async () => {
    const stranger = await makeKeyPair("stranger.example.com");
    expect(code(await buildEncryptedResponse(idp, options(), { spCertificate: stranger.certificate }))).toBe("encrypted_assertion_unreadable");
  });
});

describe("the rest of the response", () => {
  it("reports the IdP's own failure status in plain words", () => {
    const xml = wrapInResponse(options({ statusCode: "urn:oasis:names:tc:SAML:2.0:status:Responder" }), "");
    const result = validate(xml);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result).toMatchObject({ code: "idp_error_status", explanation: expect.stringContaining("Responder") });
  });
  it("refuses input that is neither base64 nor XML", () => {
    expect(validateSamlResponse({ samlResponse: "%%%not base64%%%", config, inResponseTo: { kind: "unchecked" }, now }).ok).toBe(false);
  });
  it("refuses a duplicated attribute", () => {
    const xml = signElement(
      wrapInResponse(
        options(),
        assertionXml(options()).replace(
          "</saml:AttributeStatement>",
          '<saml:Attribute Name="email"><saml:AttributeValue>eve@x.example</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>',
        ),
      ),
      "Response",
      idp,
    );
    expect(code(xml, { allowUnsignedAssertion: true })).toBe("duplicate_attribute");
  });
  it("gives each refusal its own id", () => {
    expect(samlId()).not.toBe(samlId());
  });
});
