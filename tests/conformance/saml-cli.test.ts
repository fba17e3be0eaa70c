import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sharedFixtures } from "../support/fixtures";
import { testDataRoot } from "../support/paths";
import { idpMetadataXml } from "../support/saml-idp";
import { runCli } from "../support/server";

/** `saml-validate` on a response python3-saml recorded from a real IdP, at that response's own clock. */
const fixtures = path.join(sharedFixtures, "saml", "python3-saml");
const dir = mkdtempSync(path.join(testDataRoot, "saml-cli-conformance-"));
const file = (name: string, content: string) => {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
};
const run = (args: string[]) => {
  const result = runCli(["saml-validate", ...args], {});
  return { status: result.status, json: JSON.parse(result.stdout || "{}") as Record<string, unknown>, stderr: result.stderr };
};

describe("saml-validate on recorded responses", () => {
  it("accepts a recorded IdP response at its own clock and prints the profile", () => {
    const metadata = file(
      "settings1-idp.xml",
      idpMetadataXml({
        entityId: "http://idp.example.com/",
        ssoUrl: "http://idp.example.com/sso",
        certificates: [readFileSync(path.join(fixtures, "derived/settings1_idp_x509cert.pem"), "utf8")],
      }),
    );
    const response = path.join(fixtures, "responses/valid_response.xml.base64");
    const common = [
      "--metadata",
      metadata,
      "--response",
      response,
      "--sp-entity-id",
      "http://stuff.com/endpoints/metadata.php",
      "--acs-url",
      "https://pitbulk.no-ip.org/newonelogin/demo1/index.php?acs",
      "--now",
      "2014-02-19T01:37:01Z",
    ];
    const accepted = run([...common, "--in-response-to", "ONELOGIN_5fe9d6e499b2f0913206aab3f7191729049bb807", "--allow-sha1"]);
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(accepted.json).toMatchObject({ ok: true, profile: { idp_id: "492882615acf31c8096b627245d76ae53036c090" } });
    const sha1 = run(common);
    expect(sha1.status).toBe(1);
    expect(sha1.json).toMatchObject({ ok: false, code: "weak_algorithm", explanation: expect.stringContaining("SHA-1") });
    const late = run([...common, "--allow-sha1", "--now", "2060-01-01T00:00:00Z"]);
    expect(late.json).toMatchObject({ ok: false, code: "expired" });
  });
});
