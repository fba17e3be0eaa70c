import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkOS } from "@workos-inc/node";
import { startTestIdp, type TestIdp } from "../support/saml-idp-server";
import { makeKeyPair } from "../support/saml-idp";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { portalCookie, signInThroughIdp, trpc } from "../support/sso-flow";

/**
 * An IdP whose signing certificate is outside its dates still signs people in (the configured
 * certificate is what Portico trusts), and the attempt's log says what to fix.
 */
let idp: TestIdp;
let server: RunningServer;
let workos: WorkOS;

beforeAll(async () => {
  // Valid only from tomorrow: the connection accepts it (it has not expired), the ACS sees it too early.
  const key = await makeKeyPair("early.idp.test", { notBefore: new Date(Date.now() + 2 * 86_400_000), notAfter: new Date(Date.now() + 400 * 86_400_000) });
  idp = await startTestIdp({ email: "grace@warned.example.com", firstName: "Grace" }, { key });
  const database = await freshDatabaseEnv();
  const created = runCli(["create-api-key", "--name", "sso-warnings"], database.env);
  expect(created.status, created.stderr).toBe(0);
  server = await startServer({ database, env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true" } });
  workos = new WorkOS(created.stdout.trim(), { apiHostname: "localhost", port: server.port, https: false });
});
afterAll(async () => {
  await server?.stop();
  await idp?.close();
});

type Session = { id: string; state: string; userEmail: string | null; warnings: { code: string; explanation: string }[]; warningCodes: string[] };

describe("a response verified by a certificate outside its validity dates", () => {
  it("signs in through Test sign-in and records the warning on the session", async () => {
    const organization = await workos.organizations.createOrganization({
      name: "Warned",
      domainData: [{ domain: "warned.example.com", state: "verified" as never }],
    });
    const { link } = await workos.adminPortal.generateLink({ organization: organization.id, intent: "sso" as never });
    const cookie = await portalCookie(link);
    const draft = await trpc<{ id: string }>(server.url, cookie, "portal.sso.create", { provider: "okta" });
    await trpc(server.url, cookie, "portal.sso.configure", { id: draft.id, metadataUrl: idp.metadataUrl });
    const started = await trpc<{ sessionId: string; request: { url: string } }>(server.url, cookie, "portal.sso.testSignIn", { id: draft.id });
    const result = await signInThroughIdp(started.request.url, idp);
    expect(result.location).toBe(`${server.url}/portal/sso/sessions/${started.sessionId}`);

    const session = await trpc<Session>(server.url, cookie, "portal.sso.session", { id: started.sessionId }, "query");
    expect(session).toMatchObject({ state: "successful", userEmail: "grace@warned.example.com" });
    const certificateWarnings = (w: { code: string }) => w.code.startsWith("certificate_");
    expect(session.warnings.filter(certificateWarnings)).toEqual([
      { code: "certificate_not_yet_valid", explanation: expect.stringContaining("early.idp.test") },
    ]);
    const list = await trpc<Session[]>(server.url, cookie, "portal.sso.sessions", undefined, "query");
    expect(list.find((s) => s.id === started.sessionId)?.warningCodes.filter((code) => code.startsWith("certificate_"))).toEqual(["certificate_not_yet_valid"]);
  });

  it("says in Test sign-in which mapped attributes the IdP did not send, and still signs in", async () => {
    // The same organization as above (its verified domain is the user's), with a second connection.
    const [organization] = (await workos.organizations.listOrganizations({ domains: ["warned.example.com"] })).data;
    const { link } = await workos.adminPortal.generateLink({ organization: organization!.id, intent: "sso" as never });
    const cookie = await portalCookie(link);
    const draft = await trpc<{ id: string }>(server.url, cookie, "portal.sso.create", { provider: "okta" });
    await trpc(server.url, cookie, "portal.sso.configure", {
      id: draft.id,
      metadataUrl: idp.metadataUrl,
      attributeMapping: { email: "mail", firstName: "firstName" },
    });
    const started = await trpc<{ sessionId: string; request: { url: string } }>(server.url, cookie, "portal.sso.testSignIn", { id: draft.id });
    await signInThroughIdp(started.request.url, idp);
    const session = await trpc<Session>(server.url, cookie, "portal.sso.session", { id: started.sessionId }, "query");
    expect(session).toMatchObject({ state: "successful", userEmail: "grace@warned.example.com" });
    // The IdP sends email and firstName only: the mapping's "mail" (and the provider's lastName and groups) are named.
    const missing = session.warnings.filter((w) => w.code === "mapped_attribute_missing").map((w) => w.explanation);
    expect(missing).toContainEqual(expect.stringMatching(/reads the email from "mail", but the IdP sent no such attribute.*"email", "firstName"/));
    expect(missing.some((w) => w.includes('from "firstName"'))).toBe(false);
  });
});
