import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchMetadata, isPrivateAddress } from "@/server/saml/fetch-metadata";
import { parseIdpMetadata, usableCertificates } from "@/server/saml/metadata";
import { metadataProblem } from "../support/metadata-problem";
import { idpMetadataXml, makeKeyPair, type KeyPair } from "../support/saml-idp";

describe("IdP metadata", () => {
  let first: KeyPair;
  let second: KeyPair;
  beforeAll(async () => {
    [first, second] = await Promise.all([makeKeyPair("idp.metadata.example.com"), makeKeyPair("idp-next.metadata.example.com")]);
  });
  const metadataOf = (certificates: string[], postOnly = false) =>
    idpMetadataXml({ entityId: "https://idp.metadata.example.com/saml", ssoUrl: "https://idp.metadata.example.com/sso", certificates, postOnly });

  it("reads the entity ID, the Redirect SSO URL, the name ID formats and the signing certificate", () => {
    const metadata = parseIdpMetadata(metadataOf([first.certificate]));
    expect(metadata).toMatchObject({
      entityId: "https://idp.metadata.example.com/saml",
      ssoUrl: "https://idp.metadata.example.com/sso",
      binding: "redirect",
      nameIdFormats: ["urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"],
    });
    expect(metadata.certificates).toHaveLength(1);
    expect(parseIdpMetadata(metadataOf([first.certificate], true)).binding).toBe("post");
  });

  it("keeps every distinct signing certificate (rotation), once each", () => {
    expect(parseIdpMetadata(metadataOf([first.certificate, second.certificate, first.certificate])).certificates).toHaveLength(2);
  });

  it("says what is wrong with metadata it cannot use", () => {
    expect(metadataProblem(() => parseIdpMetadata("just text"))).toMatch(/^not_xml: is not XML/);
    expect(metadataProblem(() => parseIdpMetadata(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`))).toMatch(/^not_xml: contains a DOCTYPE/);
    expect(metadataProblem(() => parseIdpMetadata("<root/>"))).toMatch(/^no_entity_descriptor/);
    const spOnly = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp.example.com"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.com/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>`;
    expect(metadataProblem(() => parseIdpMetadata(spOnly))).toMatch(/^no_idp_descriptor: .*service provider/);
    const noCert = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
    expect(metadataProblem(() => parseIdpMetadata(noCert))).toMatch(/^no_signing_certificate/);
    expect(metadataProblem(() => parseIdpMetadata(noCert.replace(/<md:SingleSignOnService[^>]*>/, "")))).toMatch(/^no_sso_service/);
  });

  it("refuses metadata whose only certificates have expired, naming when", () => {
    const metadata = parseIdpMetadata(metadataOf([first.certificate]));
    const notAfter = metadata.certificates[0]!.notAfter;
    expect(metadataProblem(() => usableCertificates(metadata.certificates, new Date(notAfter.getTime() + 1000)))).toMatch(
      /^certificate_expired: .*expired \d{4}-\d\d-\d\d/,
    );
    expect(usableCertificates(metadata.certificates, new Date(notAfter.getTime() - 1000))).toHaveLength(1);
  });
});

describe("fetching a metadata URL", () => {
  let key: KeyPair;
  let url: string;
  const server = createServer((req, res) => {
    if (req.url === "/big") {
      res.writeHead(200);
      res.end("x".repeat(2 * 1024 * 1024));
      return;
    }
    if (req.url === "/moved") {
      res.writeHead(302, { Location: "http://169.254.169.254/latest/meta-data" }).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "application/xml" });
    res.end(idpMetadataXml({ entityId: "https://idp.example.com", ssoUrl: "https://idp.example.com/sso", certificates: [key.certificate] }));
  });
  beforeAll(async () => {
    key = await makeKeyPair("idp.example.com");
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("refuses loopback and private addresses unless explicitly allowed", async () => {
    await expect(fetchMetadata(`${url}/metadata`, { allowPrivate: false })).rejects.toMatchObject({ problem: "address_refused" });
    await expect(fetchMetadata(`http://localhost:${new URL(url).port}/metadata`, { allowPrivate: false })).rejects.toMatchObject({
      problem: "address_refused",
    });
    expect(parseIdpMetadata(await fetchMetadata(`${url}/metadata`, { allowPrivate: true })).entityId).toBe("https://idp.example.com");
    for (const address of ["10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "::1", "fd00::1", "::ffff:127.0.0.1"])
      expect(isPrivateAddress(address), address).toBe(true);
    expect(isPrivateAddress("93.184.216.34")).toBe(false);
  });

  it("caps the size, does not follow redirects, and refuses other schemes", async () => {
    await expect(fetchMetadata(`${url}/big`, { allowPrivate: true })).rejects.toMatchObject({
      problem: "fetch_failed",
      message: expect.stringContaining("1 MiB"),
    });
    await expect(fetchMetadata(`${url}/moved`, { allowPrivate: true })).rejects.toMatchObject({ message: expect.stringContaining("redirect") });
    await expect(fetchMetadata("file:///etc/passwd", { allowPrivate: true })).rejects.toMatchObject({ problem: "fetch_failed" });
  });
});
