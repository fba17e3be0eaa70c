import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkOS } from "@workos-inc/node";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from "../support/browser";
import { makeKeyPair } from "../support/saml-idp";
import { startTestIdp, type TestIdp } from "../support/saml-idp-server";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";

const enabled = browserAvailable();

/** Test sign-in with an IdP certificate outside its dates: the result page says so, and the attempt list too. */
describe.runIf(enabled)("SSO warnings in the Admin Portal", () => {
  let idp: TestIdp;
  let server: RunningServer;
  let browser: Browser;
  let workos: WorkOS;

  beforeAll(async () => {
    const key = await makeKeyPair("early.idp.test", { notBefore: new Date(Date.now() + 2 * 86_400_000), notAfter: new Date(Date.now() + 400 * 86_400_000) });
    idp = await startTestIdp({ email: "mary@warned-ui.example.com" }, { key });
    const database = await freshDatabaseEnv();
    const apiKey = runCli(["create-api-key", "--name", "sso-warnings-ui"], database.env).stdout.trim();
    server = await startServer({ database, env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true" } });
    workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await idp?.close();
  });

  it("shows the certificate warning on the Test sign-in result and in the attempts list", async () => {
    const organization = await workos.organizations.createOrganization({
      name: "Warned UI",
      domainData: [{ domain: "warned-ui.example.com", state: "verified" as never }],
    });
    const { link } = await workos.adminPortal.generateLink({ organization: organization.id, intent: "sso" as never });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(link);
    await page.goto(`${server.url}/portal/sso`);
    await page.getByRole("list", { name: "Identity providers" }).getByRole("button", { name: /^Okta/ }).click();
    await page.getByLabel("IdP metadata URL").fill(idp.metadataUrl);
    await page.getByRole("button", { name: "Save configuration" }).click();
    await page.getByRole("button", { name: "Edit" }).waitFor();

    const [tab] = await Promise.all([page.waitForEvent("popup"), page.getByRole("button", { name: "Test sign-in" }).click()]);
    await tab.waitForURL(/\/portal\/sso\/sessions\/sso_session_/, { timeout: 30_000 });
    await tab.getByRole("heading", { name: "Sign-in succeeded" }).waitFor();
    const warning = tab.getByRole("status").filter({ hasText: "Warning: certificate_not_yet_valid" });
    await warning.waitFor();
    expect(await warning.textContent()).toContain("early.idp.test");
    await screenshot(tab, "sso-test-sign-in-warning");
    expect(await seriousA11yViolations(tab)).toEqual([]);
    await tab.close();

    const row = page.getByRole("table", { name: "Sign-in attempts" }).getByRole("row").nth(1);
    await row.getByText("warning: certificate_not_yet_valid").waitFor({ timeout: 15_000 });
  });
});
