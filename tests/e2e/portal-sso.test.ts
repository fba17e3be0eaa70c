import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WorkOS } from "@workos-inc/node";
import { getClientId } from "@/server/services/settings/installation";
import { updateRedirectSettings } from "@/server/services/settings/redirects";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from "../support/browser";
import { startTestIdp, type TestIdp } from "../support/saml-idp-server";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { seedDatabase } from "../support/sso-flow";
import { bootstrapOwnerEnv, signIn } from "../support/staff-browser";

const enabled = browserAvailable();
const CALLBACK = "https://app.example.com/sso/callback";

/**
 * The IT admin's whole SSO setup in Chromium: choose the IdP, give its metadata URL (a test IdP on
 * loopback), Test sign-in in a new tab, read the profile and the session log; then the integrator's
 * sign-in through the SDK in the same browser.
 */
describe.runIf(enabled)("SSO in the Admin Portal", () => {
  let idp: TestIdp;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let workos: WorkOS;
  let clientId: string;
  let organizationId: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    idp = await startTestIdp({ email: "grace@hopper-sso.example.com", firstName: "Grace", lastName: "Hopper", groups: ["Navy"] });
    const database = await freshDatabaseEnv();
    clientId = await seedDatabase(database.env, async (db) => {
      await updateRedirectSettings({ db, actor: { type: "system", reason: "test" } }, { defaultReturnUrl: null, successUrls: {}, ssoCallbackUrls: [CALLBACK] });
      return getClientId(db);
    });
    const key = runCli(["create-api-key", "--name", "portal-sso"], database.env).stdout.trim();
    server = await startServer({ database, env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true", ...bootstrapOwnerEnv } });
    workos = new WorkOS(key, { apiHostname: "localhost", port: server.port, https: false });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page) await screenshot(page, `sso-failed-${task.name.replace(/\W+/g, "-").slice(0, 50)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await idp?.close();
  });

  it("sets up SSO from the IdP's metadata URL, tests the sign-in and shows the profile and the session", async () => {
    const organization = await workos.organizations.createOrganization({
      name: "Hopper Industries",
      domainData: [{ domain: "hopper-sso.example.com", state: "verified" as never }],
    });
    organizationId = organization.id;
    const { link } = await workos.adminPortal.generateLink({ organization: organization.id, intent: "sso" as never });
    await page.goto(link);
    await page.goto(`${server.url}/portal/sso`);
    await page.getByRole("heading", { name: "Set up Single Sign-On" }).waitFor();
    await screenshot(page, "sso-choose-idp");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole("list", { name: "Identity providers" }).getByRole("button", { name: /^Okta/ }).click();
    await page.getByRole("heading", { name: "Single Sign-On with Okta" }).waitFor();
    await expect(page.getByLabel("ACS URL", { exact: true }).inputValue()).resolves.toMatch(/\/sso\/saml\/conn_\w+\/acs$/);
    await expect(page.getByText("Draft", { exact: false }).first().isVisible()).resolves.toBe(true);

    await page.getByLabel("IdP metadata URL").fill(idp.metadataUrl);
    await page.getByRole("button", { name: "Save configuration" }).click();
    await page.getByRole("button", { name: "Edit" }).waitFor();
    await expect(page.getByText("Signing certificates").isVisible()).resolves.toBe(true);
    await expect(page.getByText(idp.entityId, { exact: true }).first().isVisible()).resolves.toBe(true);
    await screenshot(page, "sso-configured");
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [tab] = await Promise.all([page.waitForEvent("popup"), page.getByRole("button", { name: "Test sign-in" }).click()]);
    await tab.waitForURL(/\/portal\/sso\/sessions\/sso_session_/, { timeout: 30_000 });
    await tab.getByRole("heading", { name: "Sign-in succeeded" }).waitFor();
    await expect(tab.getByText('"email": "grace@hopper-sso.example.com"').isVisible()).resolves.toBe(true);
    await expect(tab.getByText("<samlp:AuthnRequest", { exact: false }).isVisible()).resolves.toBe(true);
    await expect(tab.getByText("<saml:Assertion", { exact: false }).first().isVisible()).resolves.toBe(true);
    await screenshot(tab, "sso-test-sign-in-result");
    expect(await seriousA11yViolations(tab)).toEqual([]);
    await tab.close();

    const row = page.getByRole("table", { name: "Sign-in attempts" }).getByRole("row").nth(1);
    await row.getByText("successful").waitFor({ timeout: 15_000 });
    await expect(row.getByText("grace@hopper-sso.example.com").isVisible()).resolves.toBe(true);
    await page.reload();
    await page.getByText("active", { exact: true }).first().waitFor();
    await screenshot(page, "sso-active-with-session");
  });

  it("signs a user in for the integrator through the SDK in the same browser", async () => {
    // The app's callback host does not exist here: the browser's request to it is what the test reads.
    let landed = "";
    const seen = (request: { url: () => string }) => {
      if (request.url().startsWith(CALLBACK)) landed = request.url();
    };
    page.on("request", seen);
    const url = workos.sso.getAuthorizationUrl({ organization: organizationId, redirectUri: CALLBACK, clientId, state: "from-the-app" });
    await page.goto(url).catch(() => {});
    for (let i = 0; i < 100 && !landed; i++) await new Promise((r) => setTimeout(r, 100));
    page.off("request", seen);
    expect(landed).toContain("code=");
    const back = new URL(landed);
    expect(back.searchParams.get("state")).toBe("from-the-app");
    const { profile } = await workos.sso.getProfileAndToken({ code: back.searchParams.get("code")!, clientId });
    expect(profile).toMatchObject({ email: "grace@hopper-sso.example.com", firstName: "Grace", lastName: "Hopper", groups: ["Navy"], organizationId });
    expect(consoleErrors).toEqual([]);
  });

  it("shows staff the connection: configuration, certificates, sign-in attempts with request and response, and the on/off switch", async () => {
    const staff = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(staff, server.url);
      await staff.goto(`${server.url}/dashboard/organizations/${organizationId}`);
      const card = staff.locator("section", { has: staff.getByRole("heading", { name: "SSO connections" }) });
      await card.getByRole("link").first().click();
      await staff.waitForURL(/\/connections\/conn_[0-9A-Z]{26}$/);
      await staff.getByText("active", { exact: true }).first().waitFor();
      const certificates = staff.getByRole("list", { name: "Signing certificates" }).getByRole("listitem");
      expect(await certificates.count()).toBe(1);
      await certificates.first().getByText("Valid", { exact: true }).waitFor();
      await expect(staff.getByText(idp.entityId, { exact: true }).count()).resolves.toBeGreaterThan(0);
      const attempts = staff.getByRole("table", { name: "Sign-in attempts" }).locator("tbody tr");
      await attempts.first().waitFor();
      await screenshot(staff, "dashboard-connection");
      expect(await seriousA11yViolations(staff)).toEqual([]);

      await attempts.first().getByRole("link").click();
      await staff.getByRole("heading", { name: "Sign-in succeeded" }).waitFor();
      await staff.getByText("Request sent to the IdP (AuthnRequest)").waitFor();
      expect(await staff.locator("pre").filter({ hasText: "samlp:AuthnRequest" }).count()).toBeGreaterThan(0);
      await staff.getByRole("link", { name: "Connection" }).click();

      await staff.getByRole("button", { name: "Deactivate", exact: true }).click();
      await staff.getByRole("button", { name: "Activate", exact: true }).waitFor();
      expect((await workos.sso.getConnection(staff.url().split("/").at(-1)!)).state).toBe("inactive");
      await staff.getByRole("button", { name: "Activate", exact: true }).click();
      await staff.getByRole("button", { name: "Deactivate", exact: true }).waitFor();
      expect((await workos.sso.getConnection(staff.url().split("/").at(-1)!)).state).toBe("active");
    } finally {
      await staff.close();
    }
  });
});
