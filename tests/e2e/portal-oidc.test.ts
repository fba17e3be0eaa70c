import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkOS } from "@workos-inc/node";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from "../support/browser";
import { startOidcIdp, type OidcTestIdp } from "../support/oidc-idp";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";

const enabled = browserAvailable();

/**
 * The IT admin's OIDC setup in Chromium: choose Okta (OIDC), copy the redirect URI, give the discovery URL,
 * client id and secret of a real OpenID Provider on loopback, and run Test sign-in through its login page.
 */
describe.runIf(enabled)("OIDC in the Admin Portal", () => {
  let idp: OidcTestIdp;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let workos: WorkOS;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const database = await freshDatabaseEnv();
    const key = runCli(["create-api-key", "--name", "portal-oidc"], database.env).stdout.trim();
    server = await startServer({ database, env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true" } });
    idp = await startOidcIdp({
      redirectPrefix: `${server.url}/sso/oidc/`,
      users: [{ sub: "katherine", email: "katherine@johnson-oidc.example.com", given_name: "Katherine", family_name: "Johnson" }],
    });
    workos = new WorkOS(key, { apiHostname: "localhost", port: server.port, https: false });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await idp?.close();
  });

  it("sets up an OIDC connection, keeps the secret hidden, and tests the sign-in through the IdP's login page", async () => {
    const organization = await workos.organizations.createOrganization({ name: "Johnson Aeronautics" });
    const { link } = await workos.adminPortal.generateLink({ organization: organization.id, intent: "sso" as never });
    await page.goto(link);
    await page.goto(`${server.url}/portal/sso`);
    await page.getByRole("heading", { name: "Set up Single Sign-On" }).waitFor();
    await page.getByRole("button", { name: /^Okta \(OIDC\)/ }).click();
    await page.getByRole("heading", { name: "Single Sign-On with Okta (OIDC)" }).waitFor();
    await expect(page.getByLabel("Redirect URI", { exact: true }).inputValue()).resolves.toMatch(/\/sso\/oidc\/conn_\w+\/callback$/);

    await page.getByLabel("Discovery URL", { exact: true }).fill(idp.discoveryUrl);
    await page.getByLabel("Client ID", { exact: true }).fill(idp.clientId);
    await page.getByLabel("Client secret", { exact: true }).fill(idp.clientSecret);
    await page.getByRole("button", { name: "Save configuration" }).click();
    await page.getByRole("button", { name: "Edit" }).waitFor();
    await expect(page.getByText("Stored encrypted; not shown again.", { exact: false }).isVisible()).resolves.toBe(true);
    expect(await page.content()).not.toContain(idp.clientSecret);
    await screenshot(page, "oidc-configured");
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [tab] = await Promise.all([page.waitForEvent("popup"), page.getByRole("button", { name: "Test sign-in" }).click()]);
    await tab.locator('input[name="login"]').waitFor({ timeout: 30_000 });
    await tab.locator('input[name="login"]').fill("katherine");
    await tab.locator('input[name="password"]').fill("anything");
    await tab.locator('button[type="submit"]').click();
    await tab.locator('button[type="submit"]').waitFor();
    await tab.locator('button[type="submit"]').click();
    await tab.waitForURL(/\/portal\/sso\/sessions\/sso_session_/, { timeout: 30_000 });
    await tab.getByRole("heading", { name: "Sign-in succeeded" }).waitFor();
    await expect(tab.getByText('"email": "katherine@johnson-oidc.example.com"').first().isVisible()).resolves.toBe(true);
    await expect(tab.getByText("authorization request", { exact: false }).first().isVisible()).resolves.toBe(true);
    await screenshot(tab, "oidc-test-sign-in-result");
    await tab.close();

    await page.reload();
    await page.getByText("active", { exact: true }).first().waitFor();
    const row = page.getByRole("table", { name: "Sign-in attempts" }).getByRole("row").nth(1);
    await row.getByText("successful").waitFor({ timeout: 15_000 });
    await screenshot(page, "oidc-active-with-session");
    expect(consoleErrors).toEqual([]);
  });
});
