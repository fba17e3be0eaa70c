import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from "../support/browser";
import { csvRecords } from "../support/csv";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { bootstrapOwnerEnv, signIn } from "../support/staff-browser";

const enabled = browserAvailable();

/**
 * The audit-log viewer as an IT admin meets it in the portal and as staff meet it in the dashboard:
 * filters, search, pages, the event drawer and the CSV export, on a desktop and on a phone.
 */
describe.runIf(enabled)("Audit-log viewer", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let apiKey = "";
  let organizationId = "";
  const consoleErrors: string[] = [];

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const record = (action: string, actor: string, target: { id: string; type: string; name: string }, at: string, metadata?: Record<string, string>) =>
    api("POST", "/audit_logs/events", {
      organization_id: organizationId,
      event: {
        action,
        occurred_at: at,
        actor: { id: `user_${actor.toLowerCase()}`, name: actor, type: "user" },
        targets: [target],
        context: { location: "198.51.100.4", user_agent: "Firefox" },
        metadata,
      },
    });

  beforeAll(async () => {
    const database = await freshDatabaseEnv();
    apiKey = runCli(["create-api-key", "--name", "e2e"], database.env).stdout.trim();
    server = await startServer({ database, env: { ...bootstrapOwnerEnv, JOB_POLL_INTERVAL_MS: "300" } });
    organizationId = (await api("POST", "/organizations", { name: "Initech" })).body.id;
    const team = { id: "team_ops", type: "team", name: "Operations" };
    for (let i = 0; i < 27; i++)
      expect(
        (
          await record(
            "report.viewed",
            "Milton",
            { id: `report_${i}`, type: "report", name: `TPS report ${i}` },
            `2026-11-02T09:${String(i).padStart(2, "0")}:00Z`,
          )
        ).status,
      ).toBe(201);
    await record("user.invited", "Bill Lumbergh", team, "2026-11-05T10:00:00Z", { role: "=cmd|' /C calc'!A0" });
    await record("user.removed", "Peter Gibbons", team, "2026-11-06T11:00:00Z");
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page) await screenshot(page, `audit-failed-${task.name.replace(/\W+/g, "-").slice(0, 60)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rows = () => page.getByRole("table", { name: "Audit log events" }).locator("tbody tr");

  it("shows an IT admin their organization's events newest first, a page at a time", async () => {
    const generated = await api("POST", "/portal/generate_link", { organization: organizationId, intent: "audit_logs" });
    expect(generated.status).toBe(201);
    await page.goto(generated.body.link);
    await page.waitForURL(/\/portal\/audit_logs$/);
    await page.getByRole("heading", { name: "Audit Logs" }).waitFor();
    await rows().first().getByText("user.removed").waitFor();
    expect(await rows().count()).toBe(25);
    await expect(rows().nth(1).textContent()).resolves.toContain("Bill Lumbergh");
    await screenshot(page, "audit-1-portal-list");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Older" }).click();
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Audit log events"] tbody tr').length === 4);
    await expect(rows().last().textContent()).resolves.toContain("TPS report 0");
    await page.getByRole("button", { name: "Newer" }).click();
    await rows().first().getByText("user.removed").waitFor();
  });

  it("filters by action, actor, target and dates, and searches names", async () => {
    await page.getByLabel("Actor", { exact: true }).fill("Bill Lumbergh");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Audit log events"] tbody tr').length === 1);
    await expect(rows().first().textContent()).resolves.toContain("user.invited");
    await page.getByRole("button", { name: "Clear" }).click();
    await page.getByLabel("Target type", { exact: true }).fill("report");
    await page.getByLabel("From", { exact: true }).fill("2026-11-02");
    await page.getByLabel("To", { exact: true }).fill("2026-11-02");
    await page.getByLabel("Search actors and targets", { exact: true }).fill("tps report 2");
    await page.getByRole("button", { name: "Apply filters" }).click();
    // "TPS report 2" and "TPS report 20" … "26".
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Audit log events"] tbody tr').length === 8);
    await page.getByRole("button", { name: "Clear" }).click();
    await page.getByLabel("Action", { exact: true }).fill("no.such.action");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("No events match").waitFor();
    await page.getByRole("button", { name: "Clear" }).click();
    await rows().first().getByText("user.removed").waitFor();
  });

  it("opens the whole event in a drawer", async () => {
    await rows().nth(1).getByRole("button", { name: "user.invited" }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByText("Operations", { exact: true }).waitFor();
    await expect(drawer.textContent()).resolves.toContain("=cmd|' /C calc'!A0");
    await expect(drawer.textContent()).resolves.toContain("Firefox");
    await screenshot(page, "audit-2-drawer");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });
  });

  it("exports the filtered events as CSV, showing progress until the download starts", async () => {
    await page.getByLabel("Actor", { exact: true }).fill("Bill Lumbergh");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Audit log events"] tbody tr').length === 1);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    await page
      .getByRole("status")
      .getByText(/Preparing your export|Export ready/)
      .waitFor();
    const file = await (await download).path();
    const records = csvRecords(readFileSync(file, "utf8"));
    expect(records.map((r) => [r.action, r["actor.name"], r["metadata.role"]])).toEqual([["user.invited", "Bill Lumbergh", "'=cmd|' /C calc'!A0"]]);
    await page.getByRole("status").getByText("Export ready: 1 event. Download CSV").waitFor();
    await screenshot(page, "audit-3-exported");
  });

  it("works at phone width for staff in the dashboard", async () => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await signIn(phone, server.url.replace("127.0.0.1", "localhost"));
    await phone.goto(`${server.url.replace("127.0.0.1", "localhost")}/dashboard/organizations/${organizationId}/audit-logs`);
    await phone.getByRole("heading", { name: "Audit logs" }).waitFor();
    await phone.getByRole("table", { name: "Audit log events" }).getByText("user.removed").waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.getByRole("button", { name: "user.removed" }).click();
    await phone.getByRole("dialog").getByText("Peter Gibbons", { exact: true }).waitFor();
    await screenshot(phone, "audit-4-phone-drawer");
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await phone.keyboard.press("Escape");
    await screenshot(phone, "audit-5-phone-list");
    expect(await seriousA11yViolations(phone)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
