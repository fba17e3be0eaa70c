import { mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createOrganization } from "@/server/services/organizations";
import { createConnection } from "@/server/services/sso";
import { getSpKeyPair } from "@/server/services/sso/sp-key";
import { buildEncryptedResponse, buildResponse, idpMetadataXml, makeKeyPair } from "../support/saml-idp";
import { testDataRoot } from "../support/paths";
import { freshDatabaseEnv, runCli } from "../support/server";
import { seedDatabase } from "../support/sso-flow";

/** `saml-validate`: what support runs on "my SAML response fails", with the ACS's own checks. */
const dir = mkdtempSync(path.join(testDataRoot, "saml-cli-"));
const file = (name: string, content: string) => {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
};
const run = (args: string[], env: Record<string, string> = {}) => {
  const result = runCli(["saml-validate", ...args], env);
  return { status: result.status, json: JSON.parse(result.stdout || "{}") as Record<string, unknown>, stderr: result.stderr };
};

describe("saml-validate", () => {
  it("validates a raw XML response from a fresh IdP and names a wrong audience", async () => {
    const key = await makeKeyPair("idp.cli.example.com");
    const metadata = file(
      "fresh-idp.xml",
      idpMetadataXml({ entityId: "https://idp.cli.example.com", ssoUrl: "https://idp.cli.example.com/sso", certificates: [key.certificate] }),
    );
    const xml = buildResponse(key, {
      issuer: "https://idp.cli.example.com",
      audience: "https://portico.example.com/sso/saml/conn_1/metadata",
      acsUrl: "https://portico.example.com/sso/saml/conn_1/acs",
      nameId: "ada@acme.example.com",
      inResponseTo: "_abc",
    });
    const response = file("fresh.xml", xml);
    expect(run(["--metadata", metadata, "--response", response]).json).toMatchObject({
      ok: true,
      profile: { idp_id: "ada@acme.example.com", in_response_to: "_abc" },
    });
    const wrong = run(["--metadata", metadata, "--response", response, "--sp-entity-id", "https://portico.example.com/sso/saml/conn_2/metadata"]);
    expect(wrong.json).toMatchObject({ ok: false, code: "audience_mismatch" });
    expect(run(["--metadata", metadata, "--response", response, "--in-response-to", "_other"]).json).toMatchObject({
      ok: false,
      code: "in_response_to_mismatch",
    });
  });

  it("explains bad input as JSON too", () => {
    const missing = run(["--response", "x"]);
    expect(missing.status).toBe(2);
    expect(missing.json).toMatchObject({ ok: false, code: "usage" });
    const notMetadata = run(["--metadata", file("junk.xml", "nope"), "--response", file("junk2.xml", "nope")]);
    expect(notMetadata.json).toMatchObject({ ok: false, code: "metadata_not_xml" });
  });

  it("decrypts an encrypted assertion with --sp-key", async () => {
    const [idp, sp] = await Promise.all([makeKeyPair("idp.enc.example.com"), makeKeyPair("sp.enc.example.com")]);
    const metadata = file(
      "enc-idp.xml",
      idpMetadataXml({ entityId: "https://idp.enc.example.com", ssoUrl: "https://idp.enc.example.com/sso", certificates: [idp.certificate] }),
    );
    const xml = await buildEncryptedResponse(
      idp,
      {
        issuer: "https://idp.enc.example.com",
        audience: "https://sp.enc.example.com/metadata",
        acsUrl: "https://sp.enc.example.com/acs",
        nameId: "lin@enc.example.com",
      },
      { spCertificate: sp.certificate },
    );
    const response = file("encrypted.xml", xml);
    const args = [
      "--metadata",
      metadata,
      "--response",
      response,
      "--sp-entity-id",
      "https://sp.enc.example.com/metadata",
      "--acs-url",
      "https://sp.enc.example.com/acs",
    ];
    expect(run(args).json).toMatchObject({ ok: false, code: "encrypted_assertion_unreadable" });
    const decrypted = run([...args, "--sp-key", file("sp.key", sp.privateKey)]);
    expect(decrypted.status, decrypted.stderr).toBe(0);
    expect(decrypted.json).toMatchObject({ ok: true, profile: { idp_id: "lin@enc.example.com" }, warnings: [] });
    const notAKey = run([...args, "--sp-key", file("not-a-key.pem", "hello")]);
    expect(notAKey.status).toBe(2);
    expect(notAKey.json).toMatchObject({ ok: false, code: "sp_key_invalid" });
  }, 180_000);

  it("warns, without refusing, when the certificate that verified the response had expired", async () => {
    const signedAt = new Date("2029-06-01T10:00:00Z");
    const key = await makeKeyPair("old.idp.example.com", { notBefore: new Date("2027-01-01T00:00:00Z"), notAfter: new Date("2029-01-01T00:00:00Z") });
    const metadata = file(
      "old-idp.xml",
      idpMetadataXml({ entityId: "https://old.idp.example.com", ssoUrl: "https://old.idp.example.com/sso", certificates: [key.certificate] }),
    );
    const response = file(
      "old.xml",
      buildResponse(key, {
        issuer: "https://old.idp.example.com",
        audience: "https://sp.example.com/metadata",
        acsUrl: "https://sp.example.com/acs",
        nameId: "ada@old.example.com",
        issueInstant: signedAt,
      }),
    );
    const result = run(["--metadata", metadata, "--response", response, "--now", signedAt.toISOString()]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.json).toMatchObject({ ok: true, warnings: [{ code: "certificate_expired", explanation: expect.stringContaining("2029-01-01") }] });
  }, 180_000);

  it("takes the IdP configuration, SP values and SP key from a connection with --connection", async () => {
    const publicUrl = "https://sso.vendor.example.com";
    const idp = await makeKeyPair("idp.conn.example.com");
    const database = await freshDatabaseEnv();
    try {
      const seeded = await seedDatabase(database.env, async (db) => {
        const ctx = { db, actor: { type: "system" as const, reason: "test" } };
        const organization = await createOrganization(ctx, { name: "Connection CLI" });
        const metadataXml = idpMetadataXml({
          entityId: "https://idp.conn.example.com",
          ssoUrl: "https://idp.conn.example.com/sso",
          certificates: [idp.certificate],
        });
        const connection = await createConnection(ctx, { organizationId: organization.id, provider: "okta", metadataXml });
        return { connectionId: connection.id, spCertificate: (await getSpKeyPair(db)).certificate };
      });
      const base = `${publicUrl}/sso/saml/${seeded.connectionId}`;
      const options = {
        issuer: "https://idp.conn.example.com",
        audience: `${base}/metadata`,
        acsUrl: `${base}/acs`,
        nameId: "kai@conn.example.com",
        inResponseTo: "_req_1",
      };
      const response = file("conn-encrypted.xml", await buildEncryptedResponse(idp, options, { spCertificate: seeded.spCertificate }));
      const env = { ...database.env, PUBLIC_URL: publicUrl };

      const ok = run(["--connection", seeded.connectionId, "--response", response, "--in-response-to", "_req_1"], env);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.json).toMatchObject({ ok: true, profile: { idp_id: "kai@conn.example.com", in_response_to: "_req_1" }, warnings: [] });
      // The connection's own SP values are checked: a response for another connection is refused.
      const other = file("conn-other.xml", buildResponse(idp, { ...options, audience: `${publicUrl}/sso/saml/conn_other/metadata` }));
      expect(run(["--connection", seeded.connectionId, "--response", other], env).json).toMatchObject({ ok: false, code: "audience_mismatch" });
      const missing = run(["--connection", "conn_missing", "--response", response], env);
      expect(missing.status).toBe(2);
      expect(missing.json).toMatchObject({ ok: false, code: "connection_not_found" });
    } finally {
      await database.cleanup();
    }
  }, 180_000);
});
