import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { linksIn, plainText, startSmtpServer } from "../support/smtp";
import { bootstrapOwner, bootstrapOwnerEnv, createOrganizationInBrowser, eventually, signIn } from "../support/staff-browser";

const enabled = browserAvailable();

// A 2x2 teal PNG, small enough for the logo upload.
const logoPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNgYPj/n4GB4f9/BgYGBgA+5gP9kf0VNwAAAABJRU5ErkJggg==", "base64");

describe.runIf(enabled)("setup-link journey: invite by email, open the portal, revoke", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let server: RunningServer;
  let browser: Browser;
  let staff: Page;
  let itContext: BrowserContext;
  let itAdmin: Page;
  let emailedLink = "";
  const organization = "Globex Manufacturing";
  const itAdminEmail = "it-admin@globex.example.com";
  const consoleErrors: string[] = [];
  const url = (path: string) => `${server.url}${path}`;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startServer({ env: { SMTP_URL: smtp.url, ...bootstrapOwnerEnv } });
    browser = await launchBrowser();
    staff = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    staff.on("pageerror", (error) => consoleErrors.push(error.message));
    itContext = await browser.newContext({ viewport: { width: 1100, height: 900 } });
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
    await smtp?.stop();
  });

  it("signs the owner in and creates the customer's organization", async () => {
    await signIn(staff, server.url);
    await createOrganizationInBrowser(staff, server.url, organization);
  });

  it("refuses http:// and javascript: redirect URLs with inline errors, then saves https ones", async () => {
    await staff.getByRole("link", { name: "Redirects" }).click();
    await staff.getByRole("heading", { name: "Redirects" }).waitFor();
    await staff.getByLabel("Default return URL").fill("http://app.globex-vendor.example.com/settings");
    await staff.getByLabel("Domain verification").fill("javascript:alert(document.cookie)");
    await staff.getByRole("button", { name: "Add callback URL" }).click();
    await staff.getByLabel("Callback URL 1", { exact: true }).fill("/relative/callback");
    await staff.getByRole("button", { name: "Save redirects" }).click();
    await staff.getByText("Some URLs need fixing before the settings can be saved.").waitFor();
    const errorOf = (id: string) => staff.locator(`#${id}-error`).textContent();
    expect(await errorOf("default-return-url")).toMatch(/must use https/i);
    expect(await errorOf("success-url-domain_verification")).toMatch(/must use https/i);
    expect(await errorOf("sso-callback-0")).toMatch(/absolute URL/i);
    expect(await staff.getByLabel("Default return URL").getAttribute("aria-invalid")).toBe("true");
    await screenshot(staff, "redirects-errors");
    expect(await seriousA11yViolations(staff)).toEqual([]);

    await staff.getByLabel("Default return URL").fill("https://app.vendor.example.com/settings");
    await staff.getByLabel("Domain verification").fill("https://app.vendor.example.com/setup/domains-done");
    await staff.getByLabel("Callback URL 1", { exact: true }).fill("https://app.vendor.example.com/sso/callback");
    await staff.getByRole("button", { name: "Save redirects" }).click();
    await staff.getByText("Redirects saved", { exact: true }).waitFor();
    expect(await staff.locator("[id$='-error']").count()).toBe(0);

    await staff.reload();
    await staff.getByLabel("Default return URL").waitFor();
    expect(await staff.getByLabel("Default return URL").inputValue()).toBe("https://app.vendor.example.com/settings");
    expect(await staff.getByLabel("Callback URL 1", { exact: true }).inputValue()).toBe("https://app.vendor.example.com/sso/callback");
    await screenshot(staff, "redirects-saved");
  });

  it("changes the branding with a live preview: product name, uploaded logo and colour", async () => {
    await staff.getByRole("link", { name: "Branding" }).click();
    await staff.getByLabel("Product name").waitFor();
    await staff.getByLabel("Product name").fill("Vendorly");
    await staff.getByLabel("Primary colour", { exact: true }).fill("#0f766e");
    const preview = staff.getByRole("figure");
    await preview.getByText("Vendorly", { exact: true }).waitFor();
    // Buttons fade between colours, so the preview settles on the new one after a moment.
    await expect.poll(() => preview.getByText("Start", { exact: true }).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(15, 118, 110)");
    await staff.getByTestId("logo-file").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: logoPng });
    await staff.getByRole("img", { name: "Logo preview" }).waitFor();
    await staff.getByRole("button", { name: "Save branding" }).click();
    await staff.getByText("Branding saved", { exact: true }).waitFor();
    await screenshot(staff, "branding");
    expect(await seriousA11yViolations(staff)).toEqual([]);
  });

  it("asks for at least one feature, then emails a setup link to the IT admin", async () => {
    await staff.getByRole("link", { name: "Organizations" }).click();
    await staff.getByRole("link", { name: organization }).click();
    await staff.getByRole("button", { name: "Invite admin" }).click();
    const dialog = staff.getByRole("dialog");
    await dialog.getByRole("heading", { name: `Invite an IT admin of ${organization}` }).waitFor();
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog.getByText("Choose at least one feature.").waitFor();
    await dialog.getByLabel("Domain verification").check();
    await dialog.getByLabel("Single Sign-On").check();
    await screenshot(staff, "invite-features");
    expect(await seriousA11yViolations(staff)).toEqual([]);
    await dialog.getByRole("button", { name: "Next" }).click();

    await dialog.getByLabel("IT admin's email").fill("not-an-email");
    await dialog.getByRole("button", { name: "Send setup link" }).click();
    await dialog.getByText("Enter the IT admin's email address").waitFor();
    await dialog.getByLabel("IT admin's email").fill(itAdminEmail);
    await screenshot(staff, "invite-recipient");
    await dialog.getByRole("button", { name: "Send setup link" }).click();
    await dialog.getByText(`Setup link sent to ${itAdminEmail}`).waitFor();
    await dialog.getByRole("button", { name: "Done" }).click();
    await staff.getByRole("button", { name: "Manage setup link" }).waitFor();
  });

  it("delivers the email over SMTP: who invited them, what the link does, how long it lasts", async () => {
    const message = await eventually(() => smtp.messages.find((m) => m.to.includes(itAdminEmail)), { what: "the setup-link email" });
    const text = plainText(message.raw);
    expect(text).toContain(`${bootstrapOwner.email} invited you to set up Domain verification, Single Sign-On for ${organization} in Vendorly`);
    expect(text).toMatch(/active for 30 days/);
    const links = linksIn(message.raw);
    expect(links).toHaveLength(1);
    emailedLink = links[0]!;
    expect(emailedLink.startsWith(server.url)).toBe(true);
  });

  it("opens the portal from the emailed link: the organization, the branding and one card per feature", async () => {
    await itAdmin.goto(emailedLink);
    await itAdmin.waitForURL(/\/portal$/);
    expect(itAdmin.url()).not.toContain("/launch/");
    await itAdmin.getByRole("heading", { name: `Set up ${organization}` }).waitFor();
    await expect(itAdmin.getByTestId("portal-organization").textContent()).resolves.toBe(organization);
    await expect(itAdmin.getByRole("banner").getByRole("img", { name: "Vendorly" }).isVisible()).resolves.toBe(true);
    const cards = itAdmin.getByRole("list", { name: "Features to set up" }).getByRole("listitem");
    expect(await cards.count()).toBe(2);
    await itAdmin.getByRole("listitem", { name: "Domain verification" }).getByText("Not started").waitFor();
    // Both features on the link have their screens: neither card says it is unavailable.
    await itAdmin.getByRole("listitem", { name: "Single Sign-On" }).getByText("Not started").waitFor();
    expect(await cards.getByText("not available yet").count()).toBe(0);
    expect(await itAdmin.getByRole("link", { name: "Return to Vendorly" }).getAttribute("href")).toBe("https://app.vendor.example.com/settings");
    await expect
      .poll(() => itAdmin.getByRole("link", { name: "Start Domain verification" }).evaluate((el) => getComputedStyle(el).backgroundColor))
      .toBe("rgb(15, 118, 110)");
    await screenshot(itAdmin, "portal-home");
    expect(await seriousA11yViolations(itAdmin)).toEqual([]);
  });

  it("refuses a feature that is not on the link, even by typed URL", async () => {
    await itAdmin.goto(url("/portal/dsync"));
    await itAdmin.getByRole("heading", { name: "This link does not include Directory Sync" }).waitFor();
    await itAdmin.goto(url("/portal"));
  });

  it("counts a feature as started by a real step, not by opening its screen", async () => {
    await itAdmin.goto(url("/portal/sso"));
    await itAdmin.getByRole("link", { name: "All features" }).first().waitFor();
    await itAdmin.goto(url("/portal"));
    await itAdmin.getByRole("listitem", { name: "Single Sign-On" }).getByText("Not started").waitFor();
  });

  it("shows staff the link under Manage (features, recipient, dates) and revokes it after confirmation", async () => {
    await staff.getByRole("button", { name: "Manage setup link" }).click();
    const dialog = staff.getByRole("dialog");
    await dialog.getByText(itAdminEmail).waitFor();
    const progress = dialog.getByRole("list", { name: "Features and their progress" });
    await progress.getByRole("listitem").filter({ hasText: "Domain verification" }).getByText("Not started").waitFor();
    await progress.getByRole("listitem").filter({ hasText: "Single Sign-On" }).getByText("Not started").waitFor();
    await dialog.getByText(/29 days left|30 days left/).waitFor();
    await screenshot(staff, "manage-setup-link");
    expect(await seriousA11yViolations(staff)).toEqual([]);
    await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
    await dialog.getByRole("heading", { name: "Revoke this setup link?" }).waitFor();
    await dialog.getByRole("button", { name: "Revoke link" }).click();
    await staff.getByText("Setup link revoked", { exact: true }).waitFor();
    await staff.getByRole("button", { name: "Invite admin" }).waitFor();
  });

  it("shows the IT admin the revoked page at their next page load, without naming the organization", async () => {
    await itAdmin.reload();
    await itAdmin.getByRole("heading", { name: "This setup link was revoked" }).waitFor();
    await itAdmin.getByText("ask the person who sent you the link for a new one").waitFor();
    expect(await itAdmin.content()).not.toContain(organization);
    await screenshot(itAdmin, "portal-revoked");
    expect(await seriousA11yViolations(itAdmin)).toEqual([]);

    await itAdmin.goto(emailedLink);
    await itAdmin.getByRole("heading", { name: "This setup link was revoked" }).waitFor();
  });

  it("logs no errors in either browser", () => {
    expect(consoleErrors).toEqual([]);
  });
});

describe.runIf(enabled)("setup-link journey without SMTP: the dev outbox", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const organization = "Initech";

  beforeAll(async () => {
    server = await startServer({ env: bootstrapOwnerEnv });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page) await screenshot(page, `failed-outbox-${task.name.replace(/\W+/g, "-").slice(0, 50)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("keeps the invitation in the Outbox, whose link opens the portal", async () => {
    await signIn(page, server.url);
    await createOrganizationInBrowser(page, server.url, organization);
    await page.getByRole("button", { name: "Invite admin" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Audit logs").check();
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog.getByLabel("IT admin's email").fill("it@initech.example.com");
    await dialog.getByRole("button", { name: "Send setup link" }).click();
    await dialog.getByText("No SMTP server is configured, so the email to it@initech.example.com was kept in the").waitFor();
    await dialog.getByRole("link", { name: "Outbox" }).click();
    await page.waitForURL(/\/dashboard\/outbox$/);
    await page.getByText("No SMTP server is configured").waitFor();
    const row = page.getByRole("row").filter({ hasText: "it@initech.example.com" });
    await row.getByText("Kept here").waitFor();
    // The Outbox fits a 1280 px window: no sideways scroll inside its card or on the page.
    const overflow = await page.evaluate(() => {
      const region = document.querySelector('[role="region"][aria-label="Messages"]');
      return { page: document.documentElement.scrollWidth - window.innerWidth, table: region ? region.scrollWidth - region.clientWidth : -1 };
    });
    expect(overflow.page).toBeLessThanOrEqual(0);
    expect(overflow.table).toBeLessThanOrEqual(0);
    await screenshot(page, "outbox");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await row.getByRole("button", { name: "View message to it@initech.example.com" }).click();
    const message = page.getByRole("dialog");
    await message.getByText(`for ${organization} in Portico`).first().waitFor();
    await screenshot(page, "outbox-message");
    await message.getByRole("link", { name: /\/portal\/launch\// }).click();
    await page.waitForURL(/\/portal$/);
    await page.getByRole("heading", { name: `Set up ${organization}` }).waitFor();
    await page.getByRole("listitem", { name: "Audit logs" }).waitFor();
  });
});
