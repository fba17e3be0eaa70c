import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { MetadataError, parseIdpMetadata } from "@/server/saml/metadata";
import { validateSamlResponse, type InResponseToExpectation } from "@/server/saml/validate";
import { decodeSamlMessage, descendants, NS, parseUntrustedXml, textOf } from "@/server/saml/xml";

export const samlValidateUsage = `  saml-validate --metadata FILE --response FILE [--sp-entity-id X] [--acs-url Y]
      [--in-response-to ID] [--now ISO] [--allow-sha1] [--allow-unsigned-assertion]
                                          run the ACS's validation on a saved SAML response (base64 or XML)
                                          against the IdP's metadata; prints one JSON object`;

/** The response's own Audience and Destination, used when support does not know the SP values. */
function ownValues(samlResponse: string): { audience?: string; destination?: string } {
  try {
    const doc = parseUntrustedXml(decodeSamlMessage(samlResponse));
    return {
      audience: textOf(descendants(doc, NS.assertion, "Audience")[0]),
      destination: doc.documentElement.getAttribute("Destination") || descendants(doc, NS.assertion, "SubjectConfirmationData")[0]?.getAttribute("Recipient") || undefined,
    };
  } catch {
    return {};
  }
}

/**
 * `saml-validate`: exactly the ACS's checks on a response a customer sent in, with the clock and the
 * request id given on the command line. Prints `{ok:true, profile}` or `{ok:false, code, explanation}`.
 */
export function samlValidate(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      metadata: { type: "string" },
      response: { type: "string" },
      "sp-entity-id": { type: "string" },
      "acs-url": { type: "string" },
      "in-response-to": { type: "string" },
      now: { type: "string" },
      "allow-sha1": { type: "boolean" },
      "allow-unsigned-assertion": { type: "boolean" },
    },
  });
  const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
  if (!values.metadata || !values.response) {
    print({ ok: false, code: "usage", explanation: "saml-validate needs --metadata FILE and --response FILE." });
    return 2;
  }
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    print({ ok: false, code: "usage", explanation: `--now ${values.now} is not an ISO 8601 instant.` });
    return 2;
  }
  let metadataXml: string;
  let samlResponse: string;
  try {
    metadataXml = readFileSync(values.metadata, "utf8");
    samlResponse = readFileSync(values.response, "utf8");
  } catch (error) {
    print({ ok: false, code: "file_unreadable", explanation: (error as Error).message });
    return 2;
  }
  let metadata;
  try {
    metadata = parseIdpMetadata(metadataXml);
  } catch (error) {
    if (!(error instanceof MetadataError)) throw error;
    print({ ok: false, code: `metadata_${error.problem}`, explanation: `The IdP metadata ${error.message}.` });
    return 1;
  }
  const own = ownValues(samlResponse);
  const inResponseTo: InResponseToExpectation = values["in-response-to"] ? { kind: "request", id: values["in-response-to"] } : { kind: "unchecked" };
  const result = validateSamlResponse({
    samlResponse,
    config: {
      spEntityId: values["sp-entity-id"] ?? own.audience ?? "",
      acsUrl: values["acs-url"] ?? own.destination ?? "",
      idpEntityId: metadata.entityId,
      // Expired certificates still verify old responses: support replays those on purpose.
      idpCertificates: metadata.certificates.map((c) => c.pem),
      allowSha1: values["allow-sha1"] ?? false,
      allowUnsignedAssertion: values["allow-unsigned-assertion"] ?? false,
    },
    inResponseTo,
    now,
  });
  if (!result.ok) {
    print({ ok: false, code: result.code, explanation: result.explanation });
    return 1;
  }
  const { assertion } = result;
  print({
    ok: true,
    profile: { idp_id: assertion.nameId, name_id_format: assertion.nameIdFormat, issuer: assertion.issuer, in_response_to: assertion.inResponseTo, session_index: assertion.sessionIndex, raw_attributes: assertion.attributes },
  });
  return 0;
}
