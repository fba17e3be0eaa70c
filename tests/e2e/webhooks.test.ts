import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WorkOS } from "@workos-inc/node";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { bootstrapOwnerEnv, createOrganizationInBrowser, signIn } from "../support/staff-browser";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const enabled = browserAvailable();

/**
 * Staff set up a webhook endpoint on the dashboard's Webhooks page, copy its secret off the page, send
 * a test event and watch real deliveries (verified by the SDK with that secret) arrive and be listed.
 */
describe.runIf(enabled)("the dashboard's Webhooks and Events pages", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let receiver: WebhookReceiver;
  let secret = "";
  const consoleErrors: string[] = [];
  const url = (path: string) => `${server.url}${path}`;
  const expectAccessible = async () => expect(await seriousA11yViolations(page)).toEqual([]);
  const workos = new WorkOS("sk_unused");

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    server = await startServer({
      env: { ...bootstrapOwnerEnv, OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true", NODE_EXTRA_CA_CERTS: receiver.caFile, JOB_POLL_INTERVAL_MS: "200" },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    await signIn(page, server.url);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page) await screenshot(page, `webhooks-failed-${task.name.replace(/\W+/g, "-").slice(0, 50)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  it("shows the empty state and adds an endpoint, refusing plain http, then shows its secret once", async () => {
    await page.getByRole("link", { name: "Webhooks" }).click();
    await page.waitForURL(/\/dashboard\/webhooks$/);
    await page.getByRole("heading", { name: "No webhook endpoints" }).waitFor();
    await expectAccessible();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add webhook endpoint" });
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await dialog.getByText("Enter the URL that receives events.").waitFor();
    await dialog.getByText("Choose at least one event.").waitFor();
    await dialog.getByLabel("Endpoint URL").fill("http://hooks.example.com/portico");
    await dialog.getByLabel("Organizations").check();
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await dialog.getByText(/must use https/).waitFor();
    await dialog.getByLabel("Endpoint URL").fill(receiver.url);
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    const reveal = page.getByRole("dialog", { name: "Copy the signing secret" });
    secret = await reveal.getByRole("textbox", { name: "Signing secret" }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expectAccessible();
    await reveal.getByRole("button", { name: "Done" }).click();
    await page.getByRole("heading", { name: receiver.url }).waitFor();
    await expect(page.getByText(`whsec_…${secret.slice(-4)}`).isVisible()).resolves.toBe(true);
  });

  it("sends a test event and a real one, lists both deliveries with their bodies, and resends", async () => {
    await page.getByLabel("Test event type").selectOption("organization.updated");
    await page.getByRole("button", { name: "Send test event" }).click();
    const [test] = await receiver.waitFor((r) => JSON.parse(r.body).event === "organization.updated");
    const verified = await workos.webhooks.constructEvent({ payload: test!.body, sigHeader: String(test!.headers["workos-signature"]), secret });
    expect(verified).toMatchObject({ event: "organization.updated", data: { name: "Example Corp" } });

    const orgId = await createOrganizationInBrowser(page, server.url, "Webhook Watchers");
    await receiver.waitFor((r) => JSON.parse(r.body).data?.id === orgId);
    await page.goto(url("/dashboard/webhooks"));
    const table = page.getByRole("table", { name: "Recent deliveries" });
    await table.getByText("organization.created").waitFor();
    await table.getByText("Delivered").first().waitFor();
    await table.getByText("HTTP 200").nth(1).waitFor();
    await page.getByRole("button", { name: "Show details of organization.created" }).click();
    await page.getByText(orgId).first().waitFor();
    await page.getByText("Attempt 1").first().waitFor();
    await screenshot(page, "webhooks-deliveries");
    await expectAccessible();
    await page.getByRole("button", { name: "Resend" }).click();
    await receiver.waitFor((r) => JSON.parse(r.body).data?.id === orgId, 2);
    const copies = receiver.received.filter((r) => JSON.parse(r.body).data?.id === orgId).map((r) => JSON.parse(r.body).id);
    expect(new Set(copies).size).toBe(1);
  });

  it("works at phone width", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url("/dashboard/webhooks"));
    await page.getByRole("heading", { name: receiver.url }).waitFor();
    await page.getByRole("button", { name: "Send test event" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "webhooks-phone");
    await expectAccessible();
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("lists and filters events on the Events page", async () => {
    await page.getByRole("link", { name: "Events" }).click();
    await page.waitForURL(/\/dashboard\/events$/);
    const table = page.getByRole("table", { name: "Events" });
    await table.getByText("organization.created").waitFor();
    await page.getByLabel("Type").selectOption("organization.deleted");
    await page.getByRole("heading", { name: "No events match" }).waitFor();
    await page.getByLabel("Type").selectOption("organization.created");
    await table.getByText("organization.created").waitFor();
    await page.getByRole("button", { name: "Show payload of organization.created" }).click();
    await page.getByText('"name": "Webhook Watchers"').waitFor();
    await screenshot(page, "events-page");
    await expectAccessible();
    expect(consoleErrors).toEqual([]);
  });
});
