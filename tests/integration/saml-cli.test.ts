import { mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildResponse, idpMetadataXml, makeKeyPair } from "../support/saml-idp";
import { testDataRoot } from "../support/paths";
import { runCli } from "../support/server";

/** `saml-validate`: what support runs on "my SAML response fails", with the ACS's own checks. */
const dir = mkdtempSync(path.join(testDataRoot, "saml-cli-"));
const file = (name: string, content: string) => {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
};
const run = (args: string[]) => {
  const result = runCli(["saml-validate", ...args], {});
  return { status: result.status, json: JSON.parse(result.stdout || "{}") as Record<string, unknown>, stderr: result.stderr };
};

describe("saml-validate", () => {
  it("validates a raw XML response from a fresh IdP and names a wrong audience", async () => {
    const key = await makeKeyPair("idp.cli.example.com");
    const metadata = file("fresh-idp.xml", idpMetadataXml({ entityId: "https://idp.cli.example.com", ssoUrl: "https://idp.cli.example.com/sso", certificates: [key.certificate] }));
    const xml = buildResponse(key, { issuer: "https://idp.cli.example.com", audience: "https://portico.example.com/sso/saml/conn_1/metadata", acsUrl: "https://portico.example.com/sso/saml/conn_1/acs", nameId: "ada@acme.example.com", inResponseTo: "_abc" });
    const response = file("fresh.xml", xml);
    expect(run(["--metadata", metadata, "--response", response]).json).toMatchObject({ ok: true, profile: { idp_id: "ada@acme.example.com", in_response_to: "_abc" } });
    const wrong = run(["--metadata", metadata, "--response", response, "--sp-entity-id", "https://portico.example.com/sso/saml/conn_2/metadata"]);
    expect(wrong.json).toMatchObject({ ok: false, code: "audience_mismatch" });
    expect(run(["--metadata", metadata, "--response", response, "--in-response-to", "_other"]).json).toMatchObject({ ok: false, code: "in_response_to_mismatch" });
  });

  it("explains bad input as JSON too", () => {
    const missing = run(["--response", "x"]);
    expect(missing.status).toBe(2);
    expect(missing.json).toMatchObject({ ok: false, code: "usage" });
    const notMetadata = run(["--metadata", file("junk.xml", "nope"), "--response", file("junk2.xml", "nope")]);
    expect(notMetadata.json).toMatchObject({ ok: false, code: "metadata_not_xml" });
  });
});
