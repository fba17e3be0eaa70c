import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { bootstrapOwner, bootstrapOwnerEnv } from "../support/staff-browser";
import { SESSION_COOKIE, signInOrThrow, trpc } from "../support/staff-http";

const enabled = browserAvailable();

interface ActiveLink {
  intents: string[];
  sentTo: string | null;
}

/**
 * "Invite admin" and "Revoke" are forms posting to server actions: they work in a browser that runs no
 * JavaScript at all, and a post without a staff session changes nothing.
 */
describe.runIf(enabled)("setup-link forms without JavaScript", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cookie = "";
  let organizationId = "";
  const url = (path: string) => `${server.url}${path}`;
  const activeLink = async () => {
    const answer = await trpc(server.url, cookie, "setupLinks.get", { organizationId });
    expect(answer.status).toBe(200);
    return answer.data as ActiveLink | null;
  };

  /** The hidden fields of the page's form whose submit button has this text, as the server rendered them. */
  const formFields = async (button: string): Promise<[string, string][]> => {
    const html = await (await fetch(url(`/dashboard/organizations/${organizationId}/setup-link`), { headers: { cookie } })).text();
    const form = [...html.matchAll(/<form[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => f.includes(button));
    expect(form, `a form with "${button}"`).toBeDefined();
    return [...form!.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map((m) => [
      m[1]!,
      (m[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"),
    ]);
  };

  /** Posts a form's fields to the page as a browser without JavaScript would, with the given cookie (or none). */
  const post = async (fields: [string, string][], withCookie: string | null) => {
    const body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
    return fetch(url(`/dashboard/organizations/${organizationId}/setup-link`), {
      method: "POST",
      redirect: "manual",
      headers: { origin: server.url, ...(withCookie ? { cookie: withCookie } : {}) },
      body,
    });
  };

  beforeAll(async () => {
    server = await startServer({ env: bootstrapOwnerEnv });
    cookie = await signInOrThrow(server.url, bootstrapOwner);
    const created = await trpc(server.url, cookie, "organizations.create", { name: "Hooli" }, "mutation");
    organizationId = (created.data as { id: string }).id;
    browser = await launchBrowser();
    context = await browser.newContext({ javaScriptEnabled: false });
    const [name, value] = [SESSION_COOKIE, cookie.slice(SESSION_COOKIE.length + 1)];
    await context.addCookies([{ name, value, url: server.url }]);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("invites an IT admin from the organization page with JavaScript off", async () => {
    await page.goto(url(`/dashboard/organizations/${organizationId}`));
    await page.getByRole("link", { name: "Setup link" }).click();
    await page.waitForURL(/\/setup-link$/);
    await page.getByRole("button", { name: "Send setup link" }).click();
    await page.getByText("Choose at least one feature.").waitFor();
    expect(await activeLink()).toBeNull();

    await page.getByLabel("Domain verification").check();
    await page.getByLabel("Single Sign-On").check();
    // The server checks the address (no browser check runs without JavaScript) and names the field.
    await page.getByLabel("IT admin's email").fill("not-an-email");
    await page.getByRole("button", { name: "Send setup link" }).click();
    await page.getByText("Enter the IT admin's email address").waitFor();
    expect(await activeLink()).toBeNull();
    await page.getByLabel("Domain verification").check();
    await page.getByLabel("Single Sign-On").check();
    await page.getByLabel("IT admin's email").fill("it@hooli.example.com");
    await page.getByRole("button", { name: "Send setup link" }).click();
    await page.getByText("was kept in the").waitFor();
    expect(await activeLink()).toMatchObject({ intents: ["domain_verification", "sso"], sentTo: "it@hooli.example.com" });
  });

  it("revokes it with JavaScript off", async () => {
    await page.goto(url(`/dashboard/organizations/${organizationId}/setup-link`));
    await page.getByText("it@hooli.example.com").waitFor();
    await page.getByRole("button", { name: "Revoke link" }).click();
    await page.getByText("Setup link revoked.").waitFor();
    expect(await activeLink()).toBeNull();
  });

  it("shows a copied link once, with JavaScript off", async () => {
    await page.getByLabel("Directory Sync").check();
    await page.getByRole("button", { name: "Copy setup link" }).click();
    await page.getByText("Copy the link now").waitFor();
    expect(await page.getByLabel("Setup link", { exact: true }).inputValue()).toContain("/portal/launch/");
    expect(await activeLink()).toMatchObject({ intents: ["dsync"], sentTo: null });
  });

  it("refuses a revoke posted without the staff session cookie", async () => {
    const fields = await formFields("Revoke link");
    const refused = await post(fields, null);
    expect(refused.status).toBeLessThan(500);
    expect(await activeLink()).toMatchObject({ intents: ["dsync"] });

    // The same post with the session does revoke: the refusal above was the missing session, not the form.
    const accepted = await post(fields, cookie);
    expect(accepted.status).toBeLessThan(400);
    expect(await activeLink()).toBeNull();
  });

  it("refuses an invitation posted without the staff session cookie", async () => {
    const fields: [string, string][] = [...(await formFields("Copy setup link")), ["intents", "sso"], ["delivery", "copy"]];
    const refused = await post(fields, null);
    expect(refused.status).toBeLessThan(500);
    expect(await refused.text()).not.toContain("/portal/launch/");
    expect(await activeLink()).toBeNull();

    const accepted = await post(fields, cookie);
    expect(await accepted.text()).toContain("/portal/launch/");
    expect(await activeLink()).toMatchObject({ intents: ["sso"], sentTo: null });
  });

  it("refuses both to a viewer, as the tRPC procedures do", async () => {
    const invited = await trpc(server.url, cookie, "staff.invite", { email: "val.viewer@vendor-e2e.example.com", role: "viewer" }, "mutation");
    const viewerPage = await context.browser()!.newPage({ javaScriptEnabled: false });
    await viewerPage.goto((invited.data as { url: string }).url);
    await viewerPage.getByLabel("Full name").fill("Val Viewer");
    await viewerPage.getByLabel("Password", { exact: true }).fill("viewer passphrase 123");
    await viewerPage.getByLabel("Confirm password").fill("viewer passphrase 123");
    await viewerPage.getByRole("button", { name: "Create account" }).click();
    await viewerPage.waitForURL(/\/dashboard/);
    await viewerPage.close();
    const viewer = await signInOrThrow(server.url, { email: "val.viewer@vendor-e2e.example.com", password: "viewer passphrase 123" });

    await post(await formFields("Revoke link"), viewer);
    expect(await activeLink()).toMatchObject({ intents: ["sso"] });

    await post(await formFields("Revoke link"), cookie);
    const fields: [string, string][] = [...(await formFields("Copy setup link")), ["intents", "sso"], ["delivery", "copy"]];
    const refused = await post(fields, viewer);
    expect(await refused.text()).not.toContain("/portal/launch/");
    expect(await activeLink()).toBeNull();
  });
});
