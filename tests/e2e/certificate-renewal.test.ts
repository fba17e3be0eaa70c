import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WorkOS } from "@workos-inc/node";
import { apiContext } from "../support/context";
import { createOrganization } from "@/server/services/organizations";
import { createItContact } from "@/server/services/portal/it-contacts";
import { createConnection } from "@/server/services/sso";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from "../support/browser";
import { makeKeyPair, type KeyPair } from "../support/saml-idp";
import { startTestIdp, type TestIdp } from "../support/saml-idp-server";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { seedDatabase } from "../support/sso-flow";
import { bootstrapOwnerEnv, signIn } from "../support/staff-browser";

const enabled = browserAvailable();

/**
 * An IdP certificate 30 days from expiry, as staff and the IT admin meet it: the dashboard's warnings and
 * renewal link, then the portal's renewal in Chromium (new certificate added beside the old, Test sign-in
 * through the IdP now signing with the new key, the old one retired), at desktop and phone width.
 */
describe.runIf(enabled)("certificate renewal", () => {
  let idp: TestIdp;
  let oldKey: KeyPair;
  let newKey: KeyPair;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let workos: WorkOS;
  let seeded: { organizationId: string; connectionId: string };
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    oldKey = await makeKeyPair("old-signing.renewal.test", {
      notBefore: new Date(Date.now() - 300 * 86_400_000),
      notAfter: new Date(Date.now() + 30 * 86_400_000),
    });
    newKey = await makeKeyPair("new-signing.renewal.test");
    idp = await startTestIdp({ email: "ada@renewal.example.com", firstName: "Ada" }, { key: oldKey });
    const database = await freshDatabaseEnv();
    seeded = await seedDatabase(database.env, async (db) => {
      const ctx = apiContext(db);
      const organization = await createOrganization(ctx, { name: "Renewal Works", domainData: [{ domain: "renewal.example.com", state: "verified" }] });
      await createItContact(ctx, organization.id, { email: "it-admin@renewal.example.com" });
      const connection = await createConnection(ctx, {
        organizationId: organization.id,
        provider: "okta",
        idpEntityId: idp.entityId,
        ssoUrl: idp.ssoUrl,
        x509Certificates: [oldKey.certificate],
      });
      return { organizationId: organization.id, connectionId: connection.id };
    });
    const key = runCli(["create-api-key", "--name", "renewal"], database.env).stdout.trim();
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
    if (task.result?.state === "fail" && page) await screenshot(page, `renewal-failed-${task.name.replace(/\W+/g, "-").slice(0, 50)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await idp?.close();
  });

  it("warns staff on the organizations list and the organization page, and emails a renewal link from the connection page", async () => {
    await signIn(page, server.url);
    const warning = page.getByText("SSO certificate to renew");
    await warning.waitFor();
    await expect(page.getByRole("link", { name: /Renewal Works: .*Okta/ }).isVisible()).resolves.toBe(true);
    await expect(
      page
        .getByText(/expires in 30 days/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, "renewal-dashboard-warning");

    await page.goto(`${server.url}/dashboard/organizations/${seeded.organizationId}`);
    await page.getByText("SSO certificate to renew").waitFor();
    await page.goto(`${server.url}/dashboard/organizations/${seeded.organizationId}/connections/${seeded.connectionId}`);
    await page.getByRole("button", { name: "Email renewal link to IT contacts" }).click();
    await page.getByText(/Renewal link emailed to it-admin@renewal\.example\.com/).waitFor();
    await page
      .getByRole("list", { name: "Connection history" })
      .getByText(/Certificate renewal link emailed/)
      .waitFor();
    await screenshot(page, "renewal-connection-page");
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("adds the new certificate, proves it with Test sign-in, retires the old one and completes the intent", async () => {
    const { link } = await workos.adminPortal.generateLink({ organization: seeded.organizationId, intent: "certificate_renewal" as never });
    const portal = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await portal.goto(link);
    await portal.goto(`${server.url}/portal/certificate_renewal`);
    await portal.getByRole("heading", { name: "Certificate renewal" }).waitFor();
    await portal.getByText(/Generate new certificate/).waitFor();
    await expect(portal.getByText("expires in 30 days").isVisible()).resolves.toBe(true);
    await screenshot(portal, "renewal-portal-start");
    expect(await seriousA11yViolations(portal)).toEqual([]);

    // Retiring before a Test sign-in proved the new certificate is refused (there is only one yet, so no button).
    await expect(portal.getByRole("button", { name: /^Retire/ }).count()).resolves.toBe(0);
    await portal.getByLabel("New signing certificate (PEM)").fill(newKey.certificate);
    await portal.getByRole("button", { name: "Add certificate" }).click();
    await portal.getByText(/Added\. Now switch your IdP/).waitFor();
    const certificates = portal.getByRole("list", { name: "Accepted signing certificates" });
    await certificates.getByText(/new-signing\.renewal\.test/).waitFor();
    await expect(certificates.getByRole("listitem").count()).resolves.toBe(2);

    // The IdP switches to its new key; the test sign-in comes back naming the certificate that verified it.
    idp.key = newKey;
    await portal.getByRole("button", { name: "Test sign-in" }).click();
    await portal.waitForURL(/\/portal\/certificate_renewal\?test=sso_session_/);
    await portal.getByText("Test sign-in succeeded").waitFor();
    await expect(
      portal.getByText(/Signed in as ada@renewal\.example\.com\. The response verified with .*new-signing\.renewal\.test/).isVisible(),
    ).resolves.toBe(true);
    await certificates.getByText("passed Test sign-in").waitFor();
    await screenshot(portal, "renewal-portal-tested");
    expect(await seriousA11yViolations(portal)).toEqual([]);

    await portal.getByRole("button", { name: /^Retire CN=old-signing\.renewal\.test/ }).click();
    await portal.getByRole("button", { name: "Retire certificate" }).click();
    await portal.getByText("Renewal complete").waitFor();
    await expect(certificates.getByRole("listitem").count()).resolves.toBe(1);
    await expect(certificates.getByText(/old-signing/).count()).resolves.toBe(0);

    await portal.goto(`${server.url}/portal`);
    const card = portal.getByRole("listitem", { name: "Certificate renewal" });
    await card.getByText("Complete").waitFor();

    await portal.setViewportSize({ width: 390, height: 844 });
    await portal.goto(`${server.url}/portal/certificate_renewal`);
    await portal.getByRole("heading", { name: "Certificate renewal" }).waitFor();
    await screenshot(portal, "renewal-portal-phone");
    expect(await seriousA11yViolations(portal)).toEqual([]);
    expect(await portal.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await portal.close();
    expect(consoleErrors).toEqual([]);
  });
});
