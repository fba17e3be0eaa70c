import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, screenshot, watchViolations } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { bootstrapOwnerEnv, createOrganizationInBrowser, signIn } from "../support/staff-browser";

const enabled = browserAvailable();

describe.runIf(enabled)("nonce-based CSP: the dashboard and the portal run their scripts without 'unsafe-inline'", () => {
  let server: RunningServer;
  let browser: Browser;
  let staff: Page;
  let itContext: BrowserContext;
  let itAdmin: Page;
  let setupLink = "";
  const violations: string[] = [];

  beforeAll(async () => {
    server = await startServer({ env: bootstrapOwnerEnv });
    browser = await launchBrowser();
    staff = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await watchViolations(staff, violations);
    itContext = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    itAdmin = await itContext.newPage();
    await watchViolations(itAdmin, violations);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") {
      const name = task.name.replace(/\W+/g, "-").slice(0, 50);
      if (staff) await screenshot(staff, `failed-csp-staff-${name}`);
      if (itAdmin) await screenshot(itAdmin, `failed-csp-it-${name}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("hydrates the dashboard: a client-side dialog opens and makes a setup link", async () => {
    await signIn(staff, server.url);
    const csp = (await staff.goto(`${server.url}/dashboard`))!.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    await createOrganizationInBrowser(staff, server.url, "Initech Systems");
    // The dialog exists only once React has hydrated the page: its scripts ran under the nonce.
    await staff.getByRole("button", { name: "Invite admin" }).click();
    const dialog = staff.getByRole("dialog");
    await dialog.getByLabel("Domain verification").check();
    await dialog.getByRole("button", { name: "Next" }).click();
    await dialog.getByRole("button", { name: "Copy setup link" }).click();
    setupLink = await dialog.getByRole("textbox", { name: "Setup link" }).inputValue();
    expect(setupLink).toMatch(/\/portal\/launch\//);
    await screenshot(staff, "csp-dashboard-setup-link");
    expect(violations).toEqual([]);
  });

  it("hydrates the portal: adding a domain goes through the client and shows its card", async () => {
    await itAdmin.goto(setupLink);
    await itAdmin.waitForURL(/\/portal$/);
    await itAdmin.getByRole("link", { name: "Start Domain verification" }).click();
    await itAdmin.waitForURL(/\/portal\/domain_verification$/);
    await itAdmin.getByLabel("Domain", { exact: true }).fill("initech-systems.example");
    await itAdmin.getByRole("button", { name: "Add domain" }).click();
    await itAdmin.getByRole("region", { name: "initech-systems.example" }).getByText("Pending").waitFor();
    await screenshot(itAdmin, "csp-portal-domain-added");
    expect(violations).toEqual([]);
  });

  it("refuses, and reports, a script injected into the page without the nonce, so the checks above can fail", async () => {
    const before = violations.length;
    // Stands in for an injection bug: the server's reply, with its CSP header, plus one inline script.
    await itAdmin.route("**/portal/domain_verification", async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace("</body>", "<script>window.__injected = true</script></body>");
      await route.fulfill({ response, body });
    });
    await itAdmin.goto(`${server.url}/portal/domain_verification`);
    await itAdmin.getByRole("region", { name: "initech-systems.example" }).waitFor();
    await itAdmin.unroute("**/portal/domain_verification");
    expect(await itAdmin.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect(violations.slice(before).join("\n")).toMatch(/script-src/);
    violations.splice(before);
  });
});
