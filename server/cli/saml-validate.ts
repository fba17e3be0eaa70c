import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Db } from "@/db/client";
import { NotFoundError } from "@/server/errors";
import { MetadataError, parseIdpMetadata } from "@/server/saml/metadata";
import { validateSamlResponse, type InResponseToExpectation, type SamlValidationConfig } from "@/server/saml/validate";
import { samlConfigFor } from "@/server/services/sso/acs";
import { findConnection } from "@/server/services/sso/load";
import { decodeSamlMessage, descendants, NS, parseUntrustedXml, textOf } from "@/server/saml/xml";

export const samlValidateUsage = `  saml-validate (--metadata FILE | --connection ID) --response FILE [--sp-key FILE]
      [--sp-entity-id X] [--acs-url Y] [--in-response-to ID] [--now ISO] [--allow-sha1]
      [--allow-unsigned-assertion]
                                          run the ACS's validation on a saved SAML response (base64 or XML)
                                          against the IdP's metadata, or a connection's configuration and
                                          the installation's SP key (for encrypted assertions); prints one
                                          JSON object`;

/** The response's own Audience and Destination, used when support does not know the SP values. */
function ownValues(samlResponse: string): { audience?: string; destination?: string } {
  try {
    const doc = parseUntrustedXml(decodeSamlMessage(samlResponse));
    return {
      audience: textOf(descendants(doc, NS.assertion, "Audience")[0]),
      destination:
        doc.documentElement.getAttribute("Destination") || descendants(doc, NS.assertion, "SubjectConfirmationData")[0]?.getAttribute("Recipient") || undefined,
    };
  } catch {
    return {};
  }
}

type Print = (value: unknown) => void;
class Refusal extends Error {
  constructor(
    readonly code: string,
    explanation: string,
    readonly exitCode: 1 | 2,
  ) {
    super(explanation);
  }
}

function readFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new Refusal("file_unreadable", (error as Error).message, 2);
  }
}

/**
 * What the ACS would use for `--connection`: its IdP entity ID, certificates and options, and the
 * installation's SP key (decrypted with ENCRYPTION_KEY) and SP values. PUBLIC_URL must match the server's.
 */
async function connectionConfig(openDb: () => Promise<Db>, id: string): Promise<SamlValidationConfig> {
  let db: Db;
  try {
    db = await openDb();
  } catch (error) {
    throw new Refusal("database_unavailable", (error as Error).message, 2);
  }
  try {
    const connection = await findConnection(db, null, id);
    if (!connection.idpEntityId) throw new Refusal("connection_not_configured", `Connection ${id} has no IdP configuration yet.`, 1);
    return await samlConfigFor(db, connection);
  } catch (error) {
    if (error instanceof NotFoundError) throw new Refusal("connection_not_found", `No connection ${id} in this database.`, 2);
    throw error;
  }
}

function metadataConfig(file: string): Pick<SamlValidationConfig, "idpEntityId" | "idpCertificates"> {
  try {
    const metadata = parseIdpMetadata(readFile(file));
    // Expired certificates still verify old responses: support replays those on purpose.
    return { idpEntityId: metadata.entityId, idpCertificates: metadata.certificates.map((c) => c.pem) };
  } catch (error) {
    if (error instanceof MetadataError) throw new Refusal(`metadata_${error.problem}`, `The IdP metadata ${error.message}.`, 1);
    throw error;
  }
}

function spKey(file: string): string {
  const pem = readFile(file);
  try {
    createPrivateKey(pem);
  } catch {
    throw new Refusal("sp_key_invalid", `${file} is not a PEM private key.`, 2);
  }
  return pem;
}

/**
 * `saml-validate`: exactly the ACS's checks on a response a customer sent in, with the clock and the
 * request id given on the command line. Prints `{ok:true, profile, warnings}` or `{ok:false, code, explanation}`.
 */
export async function samlValidate(args: string[], openDb: () => Promise<Db>): Promise<number> {
  const print: Print = (value) => console.log(JSON.stringify(value, null, 2));
  try {
    return await run(args, openDb, print);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    print({ ok: false, code: error.code, explanation: error.message });
    return error.exitCode;
  }
}

async function run(args: string[], openDb: () => Promise<Db>, print: Print): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      metadata: { type: "string" },
      connection: { type: "string" },
      response: { type: "string" },
      "sp-key": { type: "string" },
      "sp-entity-id": { type: "string" },
      "acs-url": { type: "string" },
      "in-response-to": { type: "string" },
      now: { type: "string" },
      "allow-sha1": { type: "boolean" },
      "allow-unsigned-assertion": { type: "boolean" },
    },
  });
  if ((!values.metadata && !values.connection) || !values.response) {
    throw new Refusal("usage", "saml-validate needs --response FILE and --metadata FILE or --connection ID.", 2);
  }
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new Refusal("usage", `--now ${values.now} is not an ISO 8601 instant.`, 2);
  const samlResponse = readFile(values.response);
  const fromMetadata = values.metadata ? metadataConfig(values.metadata) : undefined;
  const spPrivateKey = values["sp-key"] ? spKey(values["sp-key"]) : undefined;
  const fromConnection = values.connection ? await connectionConfig(openDb, values.connection) : undefined;
  const own = ownValues(samlResponse);
  const inResponseTo: InResponseToExpectation = values["in-response-to"] ? { kind: "request", id: values["in-response-to"] } : { kind: "unchecked" };
  // Command-line values win over the connection's, so support can try a fix before the customer makes it.
  const result = validateSamlResponse({
    samlResponse,
    config: {
      ...fromConnection,
      spEntityId: values["sp-entity-id"] ?? fromConnection?.spEntityId ?? own.audience ?? "",
      acsUrl: values["acs-url"] ?? fromConnection?.acsUrl ?? own.destination ?? "",
      idpEntityId: fromMetadata?.idpEntityId ?? fromConnection?.idpEntityId ?? "",
      idpCertificates: fromMetadata?.idpCertificates ?? fromConnection?.idpCertificates ?? [],
      spPrivateKey: spPrivateKey ?? fromConnection?.spPrivateKey,
      allowSha1: (values["allow-sha1"] ?? false) || (fromConnection?.allowSha1 ?? false),
      allowUnsignedAssertion: (values["allow-unsigned-assertion"] ?? false) || (fromConnection?.allowUnsignedAssertion ?? false),
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
    profile: {
      idp_id: assertion.nameId,
      name_id_format: assertion.nameIdFormat,
      issuer: assertion.issuer,
      in_response_to: assertion.inResponseTo,
      session_index: assertion.sessionIndex,
      raw_attributes: assertion.attributes,
    },
    warnings: assertion.warnings,
  });
  return 0;
}
