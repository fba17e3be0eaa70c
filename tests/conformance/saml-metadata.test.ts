import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseIdpMetadata, usableCertificates } from "@/server/saml/metadata";
import { metadataProblem } from "../support/metadata-problem";
import { sharedFixtures } from "../support/fixtures";

/** Real IdP metadata from python3-saml's test suite (OneLogin's, and an SP's that is no IdP's). */
const metadataDir = path.join(sharedFixtures, "saml", "python3-saml", "metadata");
const fixture = (name: string) => readFileSync(path.join(metadataDir, name), "utf8");

describe("recorded IdP metadata", () => {
  it("reads OneLogin's metadata: entity ID, Redirect SSO URL, one signing certificate", () => {
    const metadata = parseIdpMetadata(fixture("idp_metadata.xml"));
    expect(metadata).toMatchObject({
      entityId: "https://app.onelogin.com/saml/metadata/383123",
      ssoUrl: "https://app.onelogin.com/trust/saml2/http-post/sso/383123",
      binding: "redirect",
      nameIdFormats: ["urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"],
    });
    expect(metadata.certificates).toHaveLength(1);
  });

  it("keeps every distinct signing certificate (rotation)", () => {
    expect(parseIdpMetadata(fixture("idp_metadata_multi_signing_certs.xml")).certificates.length).toBeGreaterThan(1);
  });

  it("refuses a service provider's metadata as an IdP's", () => {
    expect(metadataProblem(() => parseIdpMetadata(fixture("metadata_settings1.xml")))).toMatch(/^no_idp_descriptor: .*service provider/);
  });

  it("refuses OneLogin's metadata once its only certificate has expired", () => {
    const metadata = parseIdpMetadata(fixture("idp_metadata.xml"));
    const notAfter = metadata.certificates[0]!.notAfter;
    expect(metadataProblem(() => usableCertificates(metadata.certificates, new Date(notAfter.getTime() + 1000)))).toMatch(/^certificate_expired/);
  });
});
