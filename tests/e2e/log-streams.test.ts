import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from "../support/browser";
import { startLogReceiver, type LogReceiver } from "../support/log-receiver";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { bootstrapOwnerEnv, eventually, signIn } from "../support/staff-browser";

const enabled = browserAvailable();

/**
 * An IT admin sets up a log stream in the portal: an HTTPS endpoint on a desktop, Datadog on a phone; a
 * test event shows the destination's answer, refused credentials are saved only after a warning, and the
 * stream's screen follows deliveries. Staff then see and pause the stream from the dashboard.
 */
describe.runIf(enabled)("Log streams in the portal", () => {
  let server: RunningServer;
  let receiver: LogReceiver;
  let browser: Browser;
  let page: Page;
  let apiKey = "";
  const consoleErrors: string[] = [];

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const record = (organizationId: string, n: number) =>
    api("POST", "/audit_logs/events", {
      organization_id: organizationId,
      event: {
        action: "user.signed_in",
        occurred_at: new Date().toISOString(),
        actor: { id: `user_${n}`, type: "user" },
        targets: [],
        context: { location: "198.51.100.4" },
      },
    });
  const linkFor = async (organizationId: string) =>
    (await api("POST", "/portal/generate_link", { organization: organizationId, intent: "log_streams", success_url: "https://app.example.com/streams-done" }))
      .body.link as string;

  beforeAll(async () => {
    receiver = await startLogReceiver();
    const database = await freshDatabaseEnv();
    apiKey = runCli(["create-api-key", "--name", "e2e"], database.env).stdout.trim();
    server = await startServer({
      database,
      env: {
        ...bootstrapOwnerEnv,
        OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true",
        LOG_STREAM_DATADOG_URL: `${receiver.url}/datadog`,
        LOG_STREAM_BATCH_WINDOW_MS: "200",
      },
    });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on("pageerror", (e) => consoleErrors.push(e.message));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page) await screenshot(page, `log-streams-failed-${task.name.replace(/\W+/g, "-").slice(0, 60)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  it("sets up an HTTPS endpoint: test event, save, the success URL, then deliveries on the stream's screen", async () => {
    const organizationId = (await api("POST", "/organizations", { name: "Initech" })).body.id as string;
    await page.goto(await linkFor(organizationId));
    await page.waitForURL(/\/portal\/log_streams$/);
    await page.getByRole("heading", { name: "Log Streams" }).waitFor();
    await page.getByLabel("HTTPS endpoint").check();
    await page.getByText("Set up an HTTPS endpoint that accepts POST requests.").waitFor();
    await page.getByLabel("Endpoint URL").fill(`${receiver.url}/generic`);
    await page.getByLabel("Body format").selectOption("ndjson");
    await page.getByRole("button", { name: "Add header" }).click();
    await page.getByLabel("Header 1 name").fill("Authorization");
    await page.getByLabel("Header 1 value").fill("Bearer portal-secret-5678");
    receiver.respond(() => ({ status: 202, body: '{"accepted":1,"note":"from the receiver"}' }));
    await page.getByRole("button", { name: "Send test event" }).click();
    await page.getByText("The destination accepted the test event (HTTP 202)").waitFor();
    await page.getByText('{"accepted":1,"note":"from the receiver"}').waitFor();
    const test = receiver.received.at(-1)!;
    expect(test.headers.authorization).toBe("Bearer portal-secret-5678");
    expect(JSON.parse(test.body).event.action).toBe("portico.log_stream.test");
    await screenshot(page, "log-streams-1-https-tested");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Save stream" }).click();
    await page.getByText("Your log stream is set up").waitFor();
    expect(await page.getByRole("link", { name: "Finish" }).getAttribute("href")).toBe("https://app.example.com/streams-done");
    await page.getByText("Active", { exact: true }).waitFor();
    await page.getByText("••••5678").waitFor();
    expect(await page.content()).not.toContain("portal-secret-5678");

    for (let i = 0; i < 3; i++) expect((await record(organizationId, i)).status).toBe(201);
    await eventually(() => receiver.received.filter((r) => r.path === "/generic" && r.body.includes("user.signed_in")).length >= 1 || null, {
      what: "a delivery",
    });
    await page.reload();
    // The three and the stream's own creation, which the organization's audit log records.
    await page.getByText("4 events").waitFor();
    await screenshot(page, "log-streams-2-https-active");

    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByText("Paused", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Resume" }).click();
    await page.getByText("Active", { exact: true }).waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it("sets up Datadog at phone width, warns about refused credentials, and saves the stream as invalid", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const organizationId = (await api("POST", "/organizations", { name: "Globex" })).body.id as string;
    await page.goto(await linkFor(organizationId));
    await page.waitForURL(/\/portal\/log_streams$/);
    await page.getByRole("radio", { name: /^Datadog/ }).check();
    await page.getByText("In Datadog, open Organization Settings → API Keys.").waitFor();
    await page.getByLabel("API key").fill("dd-wrong-key-00001111");
    await page.getByLabel("Site").selectOption("EU1");
    receiver.respond((r) => (r.path.startsWith("/datadog") ? { status: 403, body: '{"errors":["Forbidden"]}' } : { status: 200 }));
    await page.getByRole("button", { name: "Save stream" }).click();
    await page.getByText("The destination refused these credentials").waitFor();
    await page.getByText('{"errors":["Forbidden"]}').waitFor();
    expect(receiver.received.at(-1)!.headers["dd-api-key"]).toBe("dd-wrong-key-00001111");
    await screenshot(page, "log-streams-3-datadog-phone-refused");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Save anyway" }).click();
    await page.getByText("Invalid", { exact: true }).waitFor();
    await page.getByText("The destination refused Portico's credentials (HTTP 403)").waitFor();
    await page.getByText("••••1111").waitFor();
    await screenshot(page, "log-streams-4-datadog-phone-invalid");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const configuration = await api("GET", `/organizations/${organizationId}/audit_log_configuration`);
    expect(configuration.body.log_stream).toMatchObject({ type: "Datadog", state: "invalid" });
    expect(configuration.body.log_stream.id).toMatch(/^als_/);
  });

  it("lets staff see and pause an organization's stream from the dashboard", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const organizations = await api("GET", "/organizations?limit=10");
    const initech = (organizations.body.data as { id: string; name: string }[]).find((o) => o.name === "Initech")!;
    await signIn(page, server.url);
    await page.goto(`${server.url}/dashboard/organizations/${initech.id}`);
    await page.getByRole("link", { name: "Manage log stream" }).click();
    await page.getByRole("heading", { name: "Log stream" }).waitFor();
    await page
      .getByText("Active", { exact: true })
      .waitFor()
      .catch(async (error) => {
        await screenshot(page, "log-streams-5-dashboard-failed");
        throw new Error(`${error}\n${((await page.locator("main").textContent()) ?? "").slice(0, 2000)}`);
      });
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByText("Paused", { exact: true }).waitFor();
    await screenshot(page, "log-streams-5-dashboard");
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
