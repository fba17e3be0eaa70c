import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from "../support/browser";
import { startDnsServer } from "../support/dns";
import { okta } from "../support/idp-replays";
import { startTestIdp, type TestIdp } from "../support/saml-idp-server";
import { scimClient } from "../support/scim";
import { freshDatabaseEnv, startServer, type RunningServer } from "../support/server";
import { createOrganizationInBrowser } from "../support/staff-browser";

const enabled = browserAvailable();

/**
 * The seed's whole journey as one story, as a new vendor and their customer's IT admin walk it: a fresh
 * installation's owner setup, an organization, "Invite admin" through the Outbox, then the IT admin's domain,
 * SSO (a test IdP on loopback) and Directory Sync (SCIM requests), and back to the dashboard. Every screen is
 * checked at desktop and phone width: no console error, no failed request, no sideways scroll, no serious
 * accessibility violation.
 */
describe.runIf(enabled)("the whole journey, from a fresh installation to a customer set up", () => {
  let server: RunningServer;
  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  let idp: TestIdp;
  let browser: Browser;
  let staffContext: BrowserContext;
  let itContext: BrowserContext;
  let staff: Page;
  let itAdmin: Page;
  let setupLink = "";
  let organizationId = "";
  const problems: string[] = [];
  const organization = "Vandelay Industries";
  const domain = "vandelay-journey.example";
  const owner = { email: "owner@vendor-journey.example.com", name: "Art Vandelay", password: "importer exporter latex" };

  /** Console errors, page errors, failed requests and server errors, wherever a page goes. */
  const watch = (page: Page, who: string) => {
    page.on("console", (m) => {
      // A refused request (401 after sign-out, 404 of a probe) logs "Failed to load resource" with its 4xx; those are expected.
      if (m.type() === "error" && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()))
        problems.push(`${who} console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`${who} page error: ${e.message}`));
    page.on("requestfailed", (r) => {
      // Navigations cut short by the next one are not failures of the server.
      if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`${who} request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 500) problems.push(`${who} ${r.status()} from ${r.request().method()} ${r.url()}`);
    });
  };

  /** The screen as it is now, at desktop width and then at phone width: fits, accessible, pictured. */
  const check = async (page: Page, name: string) => {
    const size = page.viewportSize()!;
    for (const [label, width, height] of [
      ["desktop", size.width, size.height],
      ["phone", 390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(150);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(sideways, `${name} scrolls sideways at ${label} width`).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page), `${name} at ${label} width`).toEqual([]);
      await screenshot(page, `journey-${name}-${label}`);
    }
    await page.setViewportSize(size);
    expect(problems).toEqual([]);
  };

  beforeAll(async () => {
    dns = await startDnsServer();
    idp = await startTestIdp({ email: "kramer@vandelay-journey.example", firstName: "Cosmo", lastName: "Kramer", groups: ["Sales"] });
    // A fresh installation indeed: the server migrates an empty database as it starts.
    server = await startServer({
      database: await freshDatabaseEnv({ empty: true }),
      env: { DNS_SERVERS: dns.server, DNS_TIMEOUT_MS: "800", OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true" },
    });
    browser = await launchBrowser();
    staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    itContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await itContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    staff = await staffContext.newPage();
    itAdmin = await itContext.newPage();
    watch(staff, "staff");
    watch(itAdmin, "IT admin");
  });

  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail") return;
    const name = task.name.replace(/\W+/g, "-").slice(0, 50);
    if (staff) await screenshot(staff, `journey-failed-staff-${name}`);
    if (itAdmin) await screenshot(itAdmin, `journey-failed-it-${name}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await dns?.stop();
    await idp?.close();
  });

  it("guides the first visitor to the owner's setup link, and creates the owner", async () => {
    await staff.goto(server.url);
    await staff.waitForURL(/\/sign-in$/);
    await staff.getByRole("heading", { name: "Portico has no owner yet" }).waitFor();
    await check(staff, "1-first-visit");
    await staff.goto(server.setupUrl!);
    await staff.getByLabel("Email").fill(owner.email);
    await staff.getByLabel("Full name").fill(owner.name);
    await staff.getByLabel("Password", { exact: true }).fill(owner.password);
    await staff.getByLabel("Confirm password").fill(owner.password);
    await staff.getByRole("button", { name: "Create owner account" }).click();
    await staff.waitForURL(/\/dashboard$/);
    await staff.getByRole("heading", { name: "No organizations yet" }).waitFor();
    await check(staff, "2-empty-dashboard");
  });

  it("creates an organization and invites its IT admin through the Outbox", async () => {
    organizationId = await createOrganizationInBrowser(staff, server.url, organization);
    await staff.getByRole("button", { name: "Invite admin" }).click();
    const dialog = staff.getByRole("dialog");
    for (const feature of ["Domain verification", "Single Sign-On", "Directory Sync"]) await dialog.getByLabel(feature).check();
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog.getByLabel("IT admin's email").fill("it@vandelay-journey.example");
    await dialog.getByRole("button", { name: "Send setup link" }).click();
    await dialog.getByRole("link", { name: "Outbox" }).click();
    await staff.waitForURL(/\/dashboard\/outbox$/);
    await check(staff, "3-outbox");
    await staff.getByRole("button", { name: "View message to it@vandelay-journey.example" }).click();
    setupLink =
      (await staff
        .getByRole("dialog")
        .getByRole("link", { name: /\/portal\/launch\// })
        .getAttribute("href")) ?? "";
    expect(setupLink).toMatch(/\/portal\/launch\/[A-Za-z0-9_-]{43}$/);
    await staff.keyboard.press("Escape");
  });

  it("lets the IT admin verify their domain", async () => {
    await itAdmin.goto(setupLink);
    await itAdmin.waitForURL(/\/portal$/);
    await itAdmin.getByRole("heading", { name: `Set up ${organization}` }).waitFor();
    await check(itAdmin, "4-portal-home");
    await itAdmin.getByRole("link", { name: "Start Domain verification" }).click();
    await itAdmin.getByLabel("Domain", { exact: true }).fill(domain);
    await itAdmin.getByRole("button", { name: "Add domain" }).click();
    const card = itAdmin.getByRole("region", { name: domain });
    await card.getByText("Pending").waitFor();
    const token = (await card.locator("dd code").nth(1).textContent()) ?? "";
    dns.records.set(`_portico-challenge.${domain}`, [token]);
    await card.getByRole("button", { name: "Verify now" }).click();
    await card.getByText("Verified", { exact: true }).first().waitFor();
    await check(itAdmin, "5-domain-verified");
  });

  it("lets the IT admin set up SSO with their IdP and test a sign-in", async () => {
    await itAdmin.goto(`${server.url}/portal/sso`);
    await itAdmin.getByRole("heading", { name: "Set up Single Sign-On" }).waitFor();
    await check(itAdmin, "6-sso-choose");
    await itAdmin.getByRole("list", { name: "Identity providers" }).getByRole("button", { name: /^Okta/ }).click();
    await itAdmin.getByRole("heading", { name: "Single Sign-On with Okta" }).waitFor();
    await itAdmin.getByLabel("IdP metadata URL").fill(idp.metadataUrl);
    await itAdmin.getByRole("button", { name: "Save configuration" }).click();
    await itAdmin.getByRole("button", { name: "Edit" }).waitFor();
    const [tab] = await Promise.all([itAdmin.waitForEvent("popup"), itAdmin.getByRole("button", { name: "Test sign-in" }).click()]);
    watch(tab, "test sign-in tab");
    await tab.waitForURL(/\/portal\/sso\/sessions\/sso_session_/, { timeout: 30_000 });
    await tab.getByRole("heading", { name: "Sign-in succeeded" }).waitFor();
    await check(tab, "7-sso-test-result");
    await tab.close();
    await itAdmin.reload();
    await itAdmin.getByText("active", { exact: true }).first().waitFor();
    await check(itAdmin, "8-sso-active");
  });

  it("lets the IT admin connect their directory, and the IdP's SCIM requests sync people", async () => {
    await itAdmin.goto(`${server.url}/portal/dsync`);
    await itAdmin.getByRole("heading", { name: "Set up Directory Sync" }).waitFor();
    await itAdmin.getByRole("button", { name: "Continue" }).click();
    await itAdmin.getByRole("radio", { name: "Okta" }).check();
    await itAdmin.getByRole("button", { name: "Continue" }).click();
    await itAdmin.getByRole("heading", { name: "Connect Okta" }).waitFor();
    await check(itAdmin, "9-dsync-walkthrough");
    await itAdmin.getByRole("button", { name: "Copy scim base url" }).click();
    const baseUrl = await itAdmin.evaluate(() => navigator.clipboard.readText());
    await itAdmin.getByRole("button", { name: "Copy bearer token" }).click();
    const token = await itAdmin.evaluate(() => navigator.clipboard.readText());
    const scim = scimClient(baseUrl, token);
    const people = await Promise.all(
      [
        ["George", "Costanza"],
        ["Elaine", "Benes"],
      ].map(([given, family]) => okta.createUser(scim, { email: `${given!.toLowerCase()}@${domain}`, givenName: given!, familyName: family! })),
    );
    const group = await okta.createGroup(scim, "Latex");
    await okta.addMembers(scim, group, people);
    // The first SCIM request completed the link's last feature: the open session goes on all the same.
    await itAdmin.getByRole("link", { name: /I have set it up/ }).click();
    await itAdmin.waitForURL(/\/portal\/dsync\/directory_[0-9A-Z]{26}$/);
    await itAdmin.getByText("Linked", { exact: true }).waitFor();
    await check(itAdmin, "10-directory-linked");
    await itAdmin.getByRole("link", { name: /^Users/ }).click();
    await itAdmin.getByRole("link", { name: "George Costanza" }).waitFor();
    await check(itAdmin, "11-directory-users");
    await itAdmin.goto(`${itAdmin.url().replace(/\/users$/, "")}/groups`);
    await itAdmin.getByRole("list", { name: "Directory groups" }).getByText("2 members").waitFor();
    await check(itAdmin, "12-directory-groups");
    await itAdmin.goto(`${server.url}/portal`);
    await itAdmin.getByText("3 of 3 complete").waitFor();
    await check(itAdmin, "13-portal-complete");
  });

  it("shows the vendor's staff the customer set up: domain, connection with its sign-in, directory", async () => {
    await staff.goto(`${server.url}/dashboard/organizations/${organizationId}`);
    await staff.getByText(domain).first().waitFor();
    // Every feature is set up, so the setup link revoked itself.
    await staff.getByRole("button", { name: "Invite admin" }).waitFor();
    await check(staff, "14-dashboard-organization");
    const connections = staff.locator("section", { has: staff.getByRole("heading", { name: "SSO connections" }) });
    await connections.getByRole("link").first().click();
    await staff.getByRole("table", { name: "Sign-in attempts" }).getByText("kramer@vandelay-journey.example").waitFor();
    await check(staff, "15-dashboard-connection");
  });
});
