import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

const enabled = browserAvailable();

const owner = { email: "owner@acme-portal.com", name: "Olivia Owner", password: "correct horse battery staple" };

describe.runIf(enabled)("staff dashboard", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let apiKeySecret = "";
  const consoleErrors: string[] = [];

  const url = (path: string) => `${server.url}${path}`;
  const expectNoSeriousA11yViolations = async () => expect(await seriousA11yViolations(page)).toEqual([]);
  const listWithKey = (secret: string) => fetch(url("/organizations"), { headers: { Authorization: `Bearer ${secret}` } });

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    // Refused requests (401, 409) are expected along the way; anything else logged is a bug.
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
  });

  // A picture of the page as it was when a step failed says more than a locator timeout.
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page) await screenshot(page, `failed-${task.name.replace(/\W+/g, "-").slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sends a signed-out visitor of a fresh installation to a page that says where the owner's setup link is", async () => {
    await page.goto(url("/dashboard"));
    await page.waitForURL(/\/sign-in$/);
    await page.getByRole("heading", { name: "Portico has no owner yet" }).waitFor();
    await expect(page.getByText("one-time owner setup link").isVisible()).resolves.toBe(true);
    await expect(page.getByText("npm run portico -- create-owner --email you@example.com").isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Password").count()).resolves.toBe(0);
    await screenshot(page, "sign-in-first-run");
    await expectNoSeriousA11yViolations();
  });

  it("creates the first owner through the printed setup link and lands on the empty dashboard", async () => {
    expect(server.setupUrl).toMatch(/^http:\/\/localhost:\d+\/invite\//);
    await page.goto(server.setupUrl!);
    await page.getByRole("heading", { name: "Set up Portico" }).waitFor();
    await screenshot(page, "setup");
    await expectNoSeriousA11yViolations();

    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Full name").fill(owner.name);
    await page.getByLabel("Password", { exact: true }).fill(owner.password);
    await page.getByLabel("Confirm password").fill("a different password");
    await page.getByRole("button", { name: "Create owner account" }).click();
    await page.getByText("The passwords do not match.").waitFor();

    await page.getByLabel("Password", { exact: true }).fill(owner.password);
    await page.getByLabel("Confirm password").fill(owner.password);
    await page.getByRole("button", { name: "Create owner account" }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByRole("heading", { name: "No organizations yet" }).waitFor();
    await expect(page.getByText(owner.email).first().isVisible()).resolves.toBe(true);
    await screenshot(page, "empty-list");
    await expectNoSeriousA11yViolations();
  });

  it("says the setup link was used when it is opened again", async () => {
    const other = await browser.newPage();
    await other.goto(server.setupUrl!);
    await other.getByRole("heading", { name: "This invitation was already used" }).waitFor();
    await other.close();
  });

  it("signs out, then refuses a wrong password with an inline message", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByRole("heading", { name: "Sign in to Portico" }).waitFor();
    await screenshot(page, "sign-in");
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Incorrect email or password.").waitFor();
    expect(page.url()).toMatch(/\/sign-in$/);
  });

  it("signs in with the right password", async () => {
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByRole("heading", { name: "Organizations", exact: true }).waitFor();
  });

  it("shows an inline error for an invalid domain, then creates the organization with a domain and metadata", async () => {
    await page.getByRole("link", { name: "Create organization" }).click();
    await page.waitForURL(/\/dashboard\/organizations\/new$/);
    await page.getByLabel("Name", { exact: true }).fill("Acme Corporation");
    await page.getByLabel("External ID").fill("acme-42");
    await page.getByRole("button", { name: "Add domain" }).click();
    await page.getByLabel("Domain 1", { exact: true }).fill("not a domain");
    await page.getByRole("button", { name: "Add metadata" }).click();
    await page.getByLabel("Metadata key 1", { exact: true }).fill("plan");
    await page.getByLabel("Metadata value 1", { exact: true }).fill("enterprise");
    await page.getByRole("button", { name: "Create organization" }).click();
    await page.getByText("Enter a domain like example.com").waitFor();
    expect(page.url()).toMatch(/\/organizations\/new$/);
    await screenshot(page, "create-form-errors");
    await expectNoSeriousA11yViolations();

    await page.getByLabel("Domain 1", { exact: true }).fill("acme-corp.com");
    await page.getByLabel("State of domain 1").selectOption("verified");
    await page.getByRole("button", { name: "Create organization" }).click();
    await page.waitForURL(/\/dashboard\/organizations\/org_[^/]+$/);
    await page.getByRole("heading", { name: "Acme Corporation" }).waitFor();
    await expect(page.getByText("enterprise").isVisible()).resolves.toBe(true);
  });

  it("lists the organization and finds it by searching for its domain", async () => {
    await page.getByRole("link", { name: "Organizations" }).first().click();
    await page.waitForURL(/\/dashboard$/);
    const table = page.getByRole("table", { name: "Organizations" });
    await table.getByRole("link", { name: "Acme Corporation" }).waitFor();
    await expect(table.getByText("acme-corp.com").isVisible()).resolves.toBe(true);
    await screenshot(page, "list");
    await expectNoSeriousA11yViolations();

    const search = page.getByLabel("Search organizations by name or domain");
    await search.fill("no-such-customer.example");
    await page.getByText("No matching organizations").waitFor();
    await search.fill("corp.com");
    await table.getByRole("link", { name: "Acme Corporation" }).waitFor();
    await expect(page.getByText("No matching organizations").count()).resolves.toBe(0);
  });

  it("renames the organization from its detail page", async () => {
    await page.getByRole("table", { name: "Organizations" }).getByRole("link", { name: "Acme Corporation" }).click();
    await page.getByRole("heading", { name: "Acme Corporation" }).waitFor();
    await expect(page.getByRole("button", { name: "Copy organization ID" }).isVisible()).resolves.toBe(true);
    await screenshot(page, "org-detail");
    await expectNoSeriousA11yViolations();

    await page.getByRole("link", { name: "Edit" }).click();
    await page.waitForURL(/\/edit$/);
    await expect(page.getByLabel("Domain 1", { exact: true }).inputValue()).resolves.toBe("acme-corp.com");
    await page.getByLabel("Name", { exact: true }).fill("Acme Inc");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(/\/dashboard\/organizations\/org_[^/]+$/);
    await page.getByRole("heading", { name: "Acme Inc" }).waitFor();
  });

  it("puts the server's refusal of a duplicate external ID under the External ID field", async () => {
    await page.goto(url("/dashboard/organizations/new"));
    await page.getByLabel("Name", { exact: true }).fill("Globex");
    await page.getByLabel("External ID").fill("acme-42");
    await page.getByRole("button", { name: "Create organization" }).click();
    await page.getByText("An organization with external_id 'acme-42' already exists.").waitFor();
    expect(await page.getByLabel("External ID").getAttribute("aria-invalid")).toBe("true");
    await page.getByRole("link", { name: "Cancel" }).click();
    await page.waitForURL(/\/dashboard$/);
  });

  it("creates an API key whose secret is shown once, can be copied and authenticates REST calls", async () => {
    await page.getByRole("link", { name: "API keys" }).first().click();
    await page.waitForURL(/\/api-keys$/);
    await page.getByRole("heading", { name: "No API keys" }).waitFor();
    await expect(page.getByRole("textbox", { name: "Client ID" }).inputValue()).resolves.toMatch(/^client_/);

    await page.getByRole("button", { name: "Create API key" }).click();
    await page.getByLabel("Name").fill("Production backend");
    await page.getByRole("button", { name: "Create key" }).click();
    const secretField = page.getByRole("textbox", { name: "Secret key" });
    await secretField.waitFor();
    apiKeySecret = await secretField.inputValue();
    expect(apiKeySecret).toMatch(/^sk_/);
    await expect(page.getByText("This secret will not be shown again").isVisible()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "Copy secret key" }).isVisible()).resolves.toBe(true);
    await screenshot(page, "api-keys-secret");
    await expectNoSeriousA11yViolations();

    expect((await listWithKey(apiKeySecret)).status).toBe(200);
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("table", { name: "API keys" }).getByText("Production backend").waitFor();
    await expect(page.getByText(apiKeySecret).count()).resolves.toBe(0);
  });

  it("revokes the API key after confirmation, and the REST API then refuses it", async () => {
    await page.getByRole("button", { name: "Revoke Production backend" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
    await page.getByRole("heading", { name: "No API keys" }).waitFor();
    expect((await listWithKey(apiKeySecret)).status).toBe(401);
    expect((await listWithKey("sk_not_a_real_key")).status).toBe(401);
  });

  it("shows the staff list and lets the owner create an invitation link", async () => {
    await page.getByRole("link", { name: "Staff" }).first().click();
    await page.waitForURL(/\/staff$/);
    await page.getByRole("table", { name: "Staff members" }).getByText(owner.email).waitFor();
    await page.getByRole("button", { name: "Invite staff" }).click();
    await page.getByLabel("Email").fill("ana.admin@acme-portal.com");
    await page.getByRole("button", { name: "Create invitation" }).click();
    const link = page.getByRole("textbox", { name: "Invitation link" });
    await link.waitFor();
    expect(await link.inputValue()).toMatch(/\/invite\//);
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("table", { name: "Pending invitations" }).getByText("ana.admin@acme-portal.com").waitFor();
    await screenshot(page, "staff");
    await expectNoSeriousA11yViolations();
  });

  it("gives an invited viewer a read-only dashboard", async () => {
    await page.getByRole("button", { name: "Invite staff" }).click();
    await page.getByLabel("Email").fill("vic.viewer@acme-portal.com");
    await page.getByLabel("Role").selectOption("viewer");
    await page.getByRole("button", { name: "Create invitation" }).click();
    const link = await page.getByRole("textbox", { name: "Invitation link" }).inputValue();
    await page.getByRole("button", { name: "Done" }).click();

    const context = await browser.newContext();
    const viewer = await context.newPage();
    try {
      await viewer.goto(link);
      await viewer.getByRole("heading", { name: "Join Portico" }).waitFor();
      expect(await viewer.getByLabel("Email").count()).toBe(0);
      await viewer.getByLabel("Full name").fill("Vic Viewer");
      await viewer.getByLabel("Password", { exact: true }).fill("viewer passphrase 123");
      await viewer.getByLabel("Confirm password").fill("viewer passphrase 123");
      await viewer.getByRole("button", { name: "Create account" }).click();
      await viewer.waitForURL(/\/dashboard$/);
      await viewer.getByRole("table", { name: "Organizations" }).getByRole("link", { name: "Acme Inc" }).waitFor();
      expect(await viewer.getByRole("link", { name: "Create organization" }).count()).toBe(0);

      await viewer.goto(url("/dashboard/api-keys"));
      await viewer.getByText("Viewers can see API keys but cannot create or revoke them.").waitFor();
      expect(await viewer.getByRole("button", { name: "Create API key" }).count()).toBe(0);

      await viewer.goto(url("/dashboard/staff"));
      await viewer.getByText("Only owners can invite staff").waitFor();
      expect(await viewer.getByRole("button", { name: "Invite staff" }).count()).toBe(0);

      await viewer.goto(url("/dashboard/redirects"));
      await viewer.getByText("Viewers can see this page but not change it.").waitFor();
      expect(await viewer.getByLabel("Default return URL").isDisabled()).toBe(true);
      expect(await viewer.getByRole("button", { name: "Save redirects" }).count()).toBe(0);

      await viewer.goto(url("/dashboard/branding"));
      await viewer.getByText("Viewers can see the branding but not change it.").waitFor();
      expect(await viewer.getByLabel("Product name").isDisabled()).toBe(true);

      await viewer.getByRole("link", { name: "Organizations" }).click();
      await viewer.getByRole("table", { name: "Organizations" }).getByRole("link", { name: "Acme Inc" }).click();
      await viewer.getByText("Read-only: viewers cannot change domains.").waitFor();
      expect(await viewer.getByRole("button", { name: "Invite admin" }).count()).toBe(0);
      expect(await viewer.getByRole("button", { name: "Add domain" }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("deletes the organization only after its name is typed", async () => {
    await page.getByRole("link", { name: "Organizations" }).first().click();
    await page.getByRole("table", { name: "Organizations" }).getByRole("link", { name: "Acme Inc" }).click();
    await page.getByRole("heading", { name: "Acme Inc" }).waitFor();
    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("alertdialog");
    const confirm = dialog.getByRole("button", { name: "Delete organization" });
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await dialog.getByLabel("Type Acme Inc to confirm").fill("Acme Inc");
    await confirm.click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByRole("heading", { name: "No organizations yet" }).waitFor();
  });

  it("shows a not-found message for an unknown organization", async () => {
    await page.goto(url("/dashboard/organizations/org_01DOESNOTEXIST0000000000"));
    await page.getByRole("heading", { name: "Organization not found" }).waitFor();
  });

  it("fits the dashboard on a 390px-wide phone screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url("/dashboard/staff"));
    await page.getByRole("table", { name: "Staff members" }).getByText(owner.email).waitFor();
    const sidewaysScroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(sidewaysScroll).toBeLessThanOrEqual(0);
    await screenshot(page, "mobile-dashboard");
    await expectNoSeriousA11yViolations();
  });

  it("logs no errors in the browser console along the way", () => {
    expect(consoleErrors).toEqual([]);
  });
});
