import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from "../support/browser";
import { polisDirectoryRecord, polisSamlRecord, startFakePolis, type FakePolis } from "../support/polis-server";
import { startTestIdp, type TestIdp } from "../support/saml-idp-server";
import { startServer, type RunningServer } from "../support/server";
import { bootstrapOwnerEnv, signIn } from "../support/staff-browser";

/** Settings → Import from Polis in a browser: a dry run's plan, the import's progress and report, a setup link. */
describe.runIf(browserAvailable())("import from Polis in the dashboard", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let polis: FakePolis;
  let idp: TestIdp;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    polis = await startFakePolis("e2e-polis-key");
    idp = await startTestIdp({ email: "ada@acme.example.com" });
    // Imports run as background jobs: polled often, each starts at once.
    server = await startServer({ env: { ...bootstrapOwnerEnv, OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true", JOB_POLL_INTERVAL_MS: "200" } });
    polis.sp = { entityId: "https://saml.boxyhq.com", acsUrl: "https://sso.old-vendor.example.com/api/oauth/saml" };
    const base = { product: "crm", entityId: idp.entityId, ssoUrl: idp.ssoUrl, certificatePem: idp.key.certificate };
    polis.connections.set("crm", [
      polisSamlRecord({ ...base, clientID: "acme", tenant: "acme.example.com", name: "Acme Okta" }),
      polisSamlRecord({ ...base, clientID: "initech", tenant: "initech.example.com", name: "Initech", entityId: "https://idp.initech.example.com" }),
    ]);
    polis.directories.set("crm", [
      polisDirectoryRecord({ id: "dir-1", name: "Acme SCIM", tenant: "acme.example.com", product: "crm", type: "azure-scim-v2", polisUrl: polis.url }),
    ]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    await signIn(page, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await Promise.all([polis?.close(), idp?.close()]);
  });

  const fillForm = async (dryRun: boolean) => {
    await page.getByLabel("Polis URL").fill(polis.url);
    await page.getByLabel("API key").fill("e2e-polis-key");
    await page.getByLabel("Products").fill("crm");
    await page.getByLabel("Dry run: show the plan, write nothing").setChecked(dryRun);
    await page.getByRole("button", { name: "Start import" }).click();
  };

  it("names the missing fields before anything starts", async () => {
    await page.goto(`${server.url}/dashboard/import-polis`);
    await page.getByRole("heading", { name: "Import from Ory Polis" }).waitFor();
    await page.getByRole("button", { name: "Start import" }).click();
    await page.getByText("Enter the URL of the Polis instance.").waitFor();
    await expect(page.getByText("Name at least one product.").isVisible()).resolves.toBe(true);
  });

  it("shows a dry run's plan with its progress finished", async () => {
    await fillForm(true);
    await page.getByRole("heading", { name: "Import plan (dry run)" }).waitFor();
    await page.getByText("Finished").waitFor({ timeout: 30_000 });
    await expect(page.getByRole("progressbar").getAttribute("aria-valuenow")).resolves.toBe("100");
    await expect(page.getByText("would be created").first().isVisible()).resolves.toBe(true);
    await screenshot(page, "import-polis-dry-run");
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("imports, lists what each IT admin must change, and makes an SSO setup link", async () => {
    await fillForm(false);
    await page.getByRole("heading", { name: "Import", exact: true }).waitFor();
    await page.getByText("Finished").waitFor({ timeout: 30_000 });
    await page.getByText("3 created, 0 updated, 0 unchanged").waitFor();
    await expect(
      page
        .getByText(/At the IdP: ACS URL http:\/\/localhost:\d+\/sso\/saml\/conn_\w+\/acs/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByText(/^http:\/\/localhost:\d+\/scim\/v2\/directory_/).isVisible()).resolves.toBe(true);
    await screenshot(page, "import-polis-report");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Send SSO setup link" }).first().click();
    await page.getByRole("button", { name: "Copy setup link" }).waitFor();
  });

  it("fits a 390px-wide phone screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByText("Finished").waitFor({ timeout: 30_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "import-polis-phone");
  });

  it("logs no errors in the browser console", () => {
    expect(consoleErrors).toEqual([]);
  });
});
