import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations, watchViolations } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { bootstrapOwnerEnv, signIn } from "../support/staff-browser";

const enabled = browserAvailable();

/** /docs/api: the OpenAPI document rendered by Scalar from node_modules, under the app's nonce CSP. */
describe.runIf(enabled)("the API reference page", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  const outside: string[] = [];

  beforeAll(async () => {
    server = await startServer({ env: bootstrapOwnerEnv });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await watchViolations(page, violations);
    // Nothing may come from another host: no CDN, fonts, telemetry or proxy.
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (!["data:", "blob:"].includes(url.protocol) && url.origin !== new URL(server.url).origin) outside.push(request.url());
    });
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page) await screenshot(page, `failed-api-reference-${task.name.replace(/\W+/g, "-").slice(0, 40)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("is linked from the API keys page and shows every operation group with copyable SDK and curl samples", { timeout: 120_000 }, async () => {
    await signIn(page, server.url);
    await page.goto(`${server.url}/dashboard/api-keys`);
    await page.getByRole("link", { name: "API reference" }).click();
    await page.waitForURL(/\/docs\/api$/);
    await page.getByRole("heading", { name: "Portico API", level: 1 }).waitFor({ timeout: 60_000 });
    for (const tag of ["Organizations", "SSO connections", "Directory Sync", "SCIM", "Webhooks", "Audit Logs"]) {
      await expect(page.getByText(tag, { exact: true }).first().isVisible()).resolves.toBe(true);
    }
    await page.getByText("Create an organization", { exact: true }).first().click();
    await page.getByText("workos.organizations.createOrganization", { exact: false }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, "api-reference-create-organization");
    expect(violations).toEqual([]);
    expect(outside).toEqual([]);
  });

  it("has no serious accessibility violations and fits a phone", { timeout: 60_000 }, async () => {
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/docs/api`);
    await page.getByRole("heading", { name: "Portico API", level: 1 }).waitFor({ timeout: 60_000 });
    await screenshot(page, "api-reference-phone");
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(violations).toEqual([]);
    expect(outside).toEqual([]);
  });
});
