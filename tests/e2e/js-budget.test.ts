import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, screenshot } from "../support/browser";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { bootstrapOwnerEnv, signIn } from "../support/staff-browser";

const enabled = browserAvailable();
/**
 * Gzipped JavaScript a first visit may load, per page: 150 KB, about 140 KB of it React and the Next.js runtime
 * that every page shares. The rest is the page's own: screens load tRPC and the query cache only where they
 * use them, and dialogs, second steps and toasts when they are needed.
 */
const CEILING_BYTES = 150 * 1024;

/**
 * The JavaScript a first visit downloads, from the real responses: every script the page loaded until the
 * network was idle, each body gzipped (as the server or a CDN would send it), summed.
 */
async function gzippedScripts(page: Page, open: () => Promise<void>): Promise<{ bytes: number; files: string[] }> {
  const bodies: Promise<{ url: string; size: number }>[] = [];
  const onResponse = (response: import("playwright-core").Response) => {
    if (response.request().resourceType() !== "script") return;
    bodies.push(response.body().then((body) => ({ url: response.url(), size: gzipSync(body).length })));
  };
  page.on("response", onResponse);
  await open();
  await page.waitForLoadState("networkidle");
  page.off("response", onResponse);
  const scripts = await Promise.all(bodies);
  return { bytes: scripts.reduce((sum, s) => sum + s.size, 0), files: scripts.map((s) => `${new URL(s.url).pathname} ${s.size}`) };
}

describe.runIf(enabled)("JavaScript budget of the first load", () => {
  let server: RunningServer;
  let browser: Browser;
  let apiKey = "";

  beforeAll(async () => {
    const database = await freshDatabaseEnv();
    apiKey = runCli(["create-api-key", "--name", "budget"], database.env).stdout.trim();
    server = await startServer({ database, env: bootstrapOwnerEnv });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const portalLink = async () => {
    const call = async (path: string, body: unknown) =>
      (await (
        await fetch(`${server.url}${path}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json()) as Record<string, string>;
    const organization = await call("/organizations", { name: "Budget Org" });
    return (await call("/portal/generate_link", { organization: organization.id!, intent: "dsync" })).link!;
  };

  it("loads no more gzipped JavaScript than its ceiling on the portal's first page", { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    const link = await portalLink();
    const loaded = await gzippedScripts(page, async () => {
      await page.goto(link);
      await page.waitForURL(/\/portal\/dsync$/);
    });
    console.log(`portal: ${loaded.bytes} bytes of gzipped JavaScript (ceiling ${CEILING_BYTES})\n  ${loaded.files.join("\n  ")}`);
    expect(loaded.files.length).toBeGreaterThan(0);
    expect(loaded.bytes).toBeLessThanOrEqual(CEILING_BYTES);
    await page.close();
  });

  it("loads no more gzipped JavaScript than its ceiling on the dashboard's first page", { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await signIn(page, server.url);
    // A first load: a fresh context has no cached scripts.
    const context = await browser.newContext({ storageState: await page.context().storageState() });
    const fresh = await context.newPage();
    const loaded = await gzippedScripts(fresh, async () => {
      await fresh.goto(`${server.url}/dashboard`);
    });
    console.log(`dashboard: ${loaded.bytes} bytes of gzipped JavaScript (ceiling ${CEILING_BYTES})\n  ${loaded.files.join("\n  ")}`);
    expect(loaded.files.length).toBeGreaterThan(0);
    expect(loaded.bytes).toBeLessThanOrEqual(CEILING_BYTES);
    await context.close();
    await page.close();
  });

  it("renders the portal on the server: its content is there while the JavaScript has not arrived", { timeout: 120_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const link = await portalLink();
    // Every script file is held back until the checks are done: what shows meanwhile is the server's HTML.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\.js(\?|$)/, async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
    // The held scripts keep the load event from firing: wait only for the redirect to commit.
    await page.goto(link, { waitUntil: "commit" });
    await page.waitForURL(/\/portal\/dsync$/, { waitUntil: "commit" });
    await page.getByRole("heading", { name: "Set up Directory Sync" }).waitFor({ timeout: 15_000 });
    await screenshot(page, "portal-before-javascript");
    // Next.js's client runtime has not started: the heading came from the server.
    expect(await page.evaluate(() => typeof (window as unknown as { next?: unknown }).next)).toBe("undefined");
    release();
    await context.close();
  });
});
