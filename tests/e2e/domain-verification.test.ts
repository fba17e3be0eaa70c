import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from "../support/browser";
import { startDnsServer } from "../support/dns";
import { startServer, type RunningServer } from "../support/server";
import { bootstrapOwner, bootstrapOwnerEnv, createOrganizationInBrowser, signIn } from "../support/staff-browser";

const enabled = browserAvailable();

describe.runIf(enabled)("domain verification: the IT admin's portal flow with a real DNS server, and staff's domains section", () => {
  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  let server: RunningServer;
  let browser: Browser;
  let staff: Page;
  let itContext: BrowserContext;
  let itAdmin: Page;
  let setupLink = "";
  let token = "";
  const organization = "Umbrella Labs";
  const domain = "umbrella-labs.example";
  const host = `_portico-challenge.${domain}`;
  const successUrl = "https://app.vendor.example.com/setup/domains-done";
  const consoleErrors: string[] = [];

  const card = () => itAdmin.getByRole("region", { name: domain });
  const verifyNow = async () => {
    await card().getByRole("button", { name: "Verify now" }).click();
    await card().getByRole("button", { name: "Verify now" }).waitFor();
  };

  beforeAll(async () => {
    dns = await startDnsServer();
    // Background re-checks are left at their usual pace, so each state below comes from "Verify now".
    server = await startServer({ env: { DNS_SERVERS: dns.server, DNS_TIMEOUT_MS: "800", ...bootstrapOwnerEnv } });
    browser = await launchBrowser();
    staff = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    staff.on("pageerror", (error) => consoleErrors.push(error.message));
    itContext = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await itContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    itAdmin = await itContext.newPage();
    itAdmin.on("pageerror", (error) => consoleErrors.push(error.message));
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") {
      const name = task.name.replace(/\W+/g, "-").slice(0, 50);
      if (staff) await screenshot(staff, `failed-staff-${name}`);
      if (itAdmin) await screenshot(itAdmin, `failed-it-${name}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await dns?.stop();
  });

  it("has staff set a success URL and copy a setup link for domain verification and SSO", async () => {
    await signIn(staff, server.url);
    await staff.goto(`${server.url}/dashboard/redirects`);
    await staff.getByLabel("Domain verification").fill(successUrl);
    await staff.getByRole("button", { name: "Save redirects" }).click();
    await staff.getByText("Redirects saved", { exact: true }).waitFor();

    await createOrganizationInBrowser(staff, server.url, organization);
    await staff.getByRole("button", { name: "Invite admin" }).click();
    const dialog = staff.getByRole("dialog");
    await dialog.getByLabel("Domain verification").check();
    await dialog.getByLabel("Single Sign-On").check();
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog.getByRole("button", { name: "Copy setup link" }).click();
    await dialog.getByText("Copy the link now: it will not be shown again.").waitFor();
    setupLink = await dialog.getByRole("textbox", { name: "Setup link" }).inputValue();
    expect(setupLink).toMatch(/\/portal\/launch\/[A-Za-z0-9_-]{43}$/);
    await screenshot(staff, "setup-link-copied");
    await dialog.getByRole("button", { name: "Done" }).click();
    await staff.getByRole("button", { name: "Manage setup link" }).waitFor();
  });

  it("opens domain verification from the portal home", async () => {
    await itAdmin.goto(setupLink);
    await itAdmin.waitForURL(/\/portal$/);
    await itAdmin.getByRole("link", { name: "Start Domain verification" }).click();
    await itAdmin.waitForURL(/\/portal\/domain_verification$/);
    await itAdmin.getByRole("heading", { name: "Domain verification", level: 1 }).waitFor();
    await itAdmin.getByRole("heading", { name: "No domains yet" }).waitFor();
    await screenshot(itAdmin, "portal-domains-empty");
    expect(await seriousA11yViolations(itAdmin)).toEqual([]);
  });

  it("says once, as it is typed, that text with spaces is not a domain, and sends nothing", async () => {
    const requests: string[] = [];
    const onRequest = (request: { url: () => string }) => requests.push(request.url());
    itAdmin.on("request", onRequest);
    await itAdmin.getByLabel("Domain", { exact: true }).fill("not a domain");
    const message = itAdmin.getByRole("alert").getByText('"not a domain" is not a domain: a domain has no spaces');
    await message.waitFor();
    await itAdmin.getByRole("button", { name: "Add domain" }).click();
    expect(await itAdmin.getByRole("alert").getByRole("listitem").count()).toBe(1);
    expect(requests.filter((u) => u.includes("portal.domains.add"))).toEqual([]);
    itAdmin.off("request", onRequest);
    await itAdmin.getByLabel("Domain", { exact: true }).fill("");
  });

  it("refuses a public suffix and a consumer mail domain with the reason", async () => {
    await itAdmin.getByLabel("Domain", { exact: true }).fill("co.uk, gmail.com");
    await itAdmin.getByRole("button", { name: "Add domain" }).click();
    await itAdmin.getByText("co.uk is a public suffix shared by many owners").waitFor();
    await itAdmin.getByText("gmail.com is a consumer email provider").waitFor();
    expect(await itAdmin.getByLabel("Domain", { exact: true }).inputValue()).toBe("co.uk, gmail.com");
    await screenshot(itAdmin, "portal-domains-refused");
  });

  it("adds a domain and shows the TXT record to publish, with instructions per DNS provider", async () => {
    await itAdmin.getByLabel("Domain", { exact: true }).fill(`  ${domain.toUpperCase()} `);
    await itAdmin.getByRole("button", { name: "Add domain" }).click();
    await card().waitFor();
    await card().getByText("Pending").waitFor();
    expect(await itAdmin.getByLabel("Domain", { exact: true }).inputValue()).toBe("");
    expect(await card().getByText(host, { exact: true }).count()).toBe(1);
    token = (await card().locator("dd code").nth(1).textContent()) ?? "";
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    await card().getByRole("button", { name: "Copy value" }).click();
    expect(await itAdmin.evaluate(() => navigator.clipboard.readText())).toBe(token);

    await card()
      .getByRole("button", { name: /How to add it at Cloudflare/ })
      .click();
    await card().getByRole("tab", { name: "Route 53" }).click();
    await card().getByRole("tabpanel").getByText(`"${token}"`).waitFor();
    await screenshot(itAdmin, "portal-domain-pending");
    expect(await seriousA11yViolations(itAdmin)).toEqual([]);
  });

  it("says there is no TXT record at that name yet", async () => {
    await verifyNow();
    await card().getByText("No TXT record at that name").waitFor();
    await card().getByText(`There is no TXT record at ${host} yet.`).waitFor();
    await screenshot(itAdmin, "portal-domain-no-record");
  });

  it("shows what was found when no record has the expected value", async () => {
    dns.records.set(host, ["google-site-verification=abc123", "v=spf1 -all"]);
    await verifyNow();
    await card().getByText("Records found, but none with the expected value").waitFor();
    await card().getByText("google-site-verification=abc123").waitFor();
    await card().getByText("v=spf1 -all").waitFor();
    await screenshot(itAdmin, "portal-domain-wrong-value");
  });

  it("says when the domain does not exist", async () => {
    dns.records.set(host, "nxdomain");
    await verifyNow();
    await card().getByText("The domain does not exist").waitFor();
    await screenshot(itAdmin, "portal-domain-nxdomain");
  });

  it("says when the DNS lookup timed out, within a few seconds", async () => {
    dns.records.set(host, "silent");
    const started = Date.now();
    await verifyNow();
    await card().getByText("The DNS lookup timed out").waitFor();
    expect(Date.now() - started).toBeLessThan(5_000);
    await screenshot(itAdmin, "portal-domain-timeout");
  });

  it("fits the domain screen on a 390px-wide phone", async () => {
    await itAdmin.setViewportSize({ width: 390, height: 844 });
    try {
      await card().getByRole("button", { name: "Verify now" }).waitFor();
      expect(await itAdmin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(itAdmin, "portal-domain-phone");
    } finally {
      await itAdmin.setViewportSize({ width: 1100, height: 900 });
    }
  });

  it("verifies the domain once the record is published, completes the feature and offers Finish", async () => {
    dns.records.set(host, ["v=spf1 -all", token]);
    // Once verified the card has no "Verify now" any more, so only the click is shared with the other steps.
    await card().getByRole("button", { name: "Verify now" }).click();
    await card().getByText("Verified", { exact: true }).waitFor();
    await itAdmin.getByRole("heading", { name: "Domain verification is complete" }).waitFor();
    expect(await itAdmin.getByRole("link", { name: "Finish" }).getAttribute("href")).toBe(successUrl);
    expect(await card().getByRole("button", { name: "Remove" }).count()).toBe(0);
    await screenshot(itAdmin, "portal-domain-verified");
    expect(await seriousA11yViolations(itAdmin)).toEqual([]);
  });

  it("shows the feature complete on the portal home", async () => {
    await itAdmin.getByRole("link", { name: "All features" }).click();
    await itAdmin.waitForURL(/\/portal$/);
    await itAdmin.getByRole("listitem", { name: "Domain verification" }).getByText("Complete").waitFor();
    await itAdmin.getByText("1 of 2 complete").waitFor();
    await screenshot(itAdmin, "portal-home-domains-complete");
  });

  it("shows staff the domain's state and last check, and lets them add, check, verify manually and remove", async () => {
    await staff.reload();
    const section = staff.getByRole("list", { name: "Domains" });
    const row = (name: string) => section.getByRole("listitem").filter({ hasText: name });
    await row(domain).getByText("Verified", { exact: true }).waitFor();
    await row(domain).getByText("Added by the IT admin · Verified by DNS").waitFor();

    await staff.getByLabel("Domain to add").fill("gmail.com");
    await staff.getByRole("button", { name: "Add domain" }).click();
    await staff.getByText("gmail.com is a consumer email provider").waitFor();
    await staff.getByLabel("Domain to add").fill("umbrella-corp.example");
    await staff.getByRole("button", { name: "Add domain" }).click();
    await row("umbrella-corp.example").getByText("Not checked yet").waitFor();

    await row("umbrella-corp.example").getByRole("button", { name: "Verify now umbrella-corp.example" }).click();
    await row("umbrella-corp.example")
      .getByText(/Last check .*: No TXT record at that name/)
      .waitFor();
    await row("umbrella-corp.example").getByText("_portico-challenge.umbrella-corp.example", { exact: true }).waitFor();
    await screenshot(staff, "dashboard-domains");
    expect(await seriousA11yViolations(staff)).toEqual([]);

    await row("umbrella-corp.example").getByRole("button", { name: "Verify manually umbrella-corp.example" }).click();
    await staff.getByRole("alertdialog").getByRole("button", { name: "Verify manually" }).click();
    await row("umbrella-corp.example").getByText(`Verified manually by ${bootstrapOwner.email}`).waitFor();
    await screenshot(staff, "dashboard-domain-verified-manually");

    await row("umbrella-corp.example").getByRole("button", { name: "Remove umbrella-corp.example" }).click();
    await staff.getByRole("alertdialog").getByRole("button", { name: "Remove domain" }).click();
    await staff.getByText("Removed umbrella-corp.example", { exact: true }).waitFor();
    expect(await row("umbrella-corp.example").count()).toBe(0);
  });

  it("logs no errors in either browser", () => {
    expect(consoleErrors).toEqual([]);
  });
});
