import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, screenshot, seriousA11yViolations } from "../support/browser";
import { okta } from "../support/idp-replays";
import { scimClient, type ScimClient } from "../support/scim";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";

const enabled = browserAvailable();

/**
 * The IT admin's Directory Sync journey in a real browser: open a portal link, pick a provider, copy
 * the SCIM base URL and token off the page, and let a test identity provider use them over HTTP;
 * then watch the directory link, browse its users, and change its token, attribute map, groups and state.
 */
describe.runIf(enabled)("Directory Sync in the Admin Portal", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let apiKey = "";
  let directoryUrl = "";
  let baseUrl = "";
  let token = "";
  let engineeringGroupId = "";
  let idp: ScimClient;
  const people: Record<string, string> = {};
  const groups: Record<string, string> = {};
  const consoleErrors: string[] = [];

  const url = (path: string) => `${server.url}${path}`;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url(path), {
      method,
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const expectAccessible = async () => expect(await seriousA11yViolations(page)).toEqual([]);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  beforeAll(async () => {
    const database = await freshDatabaseEnv();
    apiKey = runCli(["create-api-key", "--name", "e2e"], database.env).stdout.trim();
    server = await startServer({ database });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    page = await context.newPage();
    // Refused requests (a 401 after rotation) are expected along the way; anything else logged is a bug.
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page) await screenshot(page, `dsync-failed-${task.name.replace(/\W+/g, "-").slice(0, 60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("opens a portal link with the dsync intent and picks a provider", async () => {
    const organization = (await api("POST", "/organizations", { name: "Globex", domain_data: [{ domain: "globex.example.com", state: "verified" }] })).body;
    const generated = await api("POST", "/portal/generate_link", { organization: organization.id, intent: "dsync" });
    expect(generated.status).toBe(201);
    // A one-feature API link opens that feature's screen directly.
    await page.goto(generated.body.link);
    await page.waitForURL(/\/portal\/dsync$/);
    await page.getByRole("heading", { name: "Set up Directory Sync" }).waitFor();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("Choose your identity provider.", { exact: true }).waitFor();
    for (const provider of ["Okta", "Microsoft Entra ID", "OneLogin", "JumpCloud", "PingFederate", "Rippling", "Generic SCIM 2.0"]) {
      await expect(page.getByRole("radio", { name: provider }).isVisible(), provider).resolves.toBe(true);
    }
    await page.getByRole("radio", { name: "Okta" }).check();
    await screenshot(page, "dsync-1-providers");
    await expectAccessible();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Connect Okta" }).waitFor();
  });

  it("copies the SCIM base URL and the token from the walk-through", async () => {
    await expect(page.getByText("The bearer token is shown only now.").isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Copy scim base url" }).click();
    baseUrl = await clipboard();
    expect(baseUrl).toMatch(new RegExp(`^${server.url}/scim/v2/directory_[0-9A-Z]{26}$`));
    await page.getByRole("button", { name: "Copy bearer token" }).click();
    token = await clipboard();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await screenshot(page, "dsync-2-walkthrough");
    await expectAccessible();
  });

  it("shows the directory linked, with counts, last sync and activity, once the identity provider syncs", async () => {
    idp = scimClient(baseUrl, token);
    for (const [name, family] of [
      ["Ada", "Lovelace"],
      ["Grace", "Hopper"],
      ["Alan", "Turing"],
    ] as const) {
      people[name] = await okta.createUser(idp, { email: `${name.toLowerCase()}@globex.example.com`, givenName: name, familyName: family });
    }
    await idp("PATCH", `/Users/${people.Ada}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "add", value: { title: "Chief Engineer", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "R&D" } }],
    });
    groups.Engineering = await okta.createGroup(idp, "Engineering");
    groups.Sales = await okta.createGroup(idp, "Sales");
    await okta.addMembers(idp, groups.Engineering, [people.Ada!, people.Grace!]);
    await okta.addMembers(idp, groups.Sales, [people.Alan!]);
    await new Promise((r) => setTimeout(r, 400)); // the request log is written a moment after each request

    await page.getByRole("link", { name: /I have set it up/ }).click();
    await page.waitForURL(/\/portal\/dsync\/directory_[0-9A-Z]{26}$/);
    directoryUrl = page.url();
    await page.getByText("Linked", { exact: true }).waitFor();
    const stats = page.locator("dl").first();
    await expect(stats.getByText("Users").locator("xpath=following-sibling::dd[1]").textContent()).resolves.toBe("3");
    await expect(stats.getByText("Groups").locator("xpath=following-sibling::dd[1]").textContent()).resolves.toBe("2");
    await expect(stats.getByText("Last sync").locator("xpath=following-sibling::dd[1]").textContent()).resolves.not.toBe("Never");
    await expect(page.getByText(/\d+ changes \(creates, updates, deletes\) in the last 7 days/).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("region", { name: "Recent SCIM requests" }).getByText(`/Groups/${groups.Sales}`).first().isVisible()).resolves.toBe(true);
    await screenshot(page, "dsync-3-directory-linked");
    await expectAccessible();
  });

  it("lists the synced users with their state and groups, searches them, and shows a user's raw and mapped attributes", async () => {
    await page.getByRole("link", { name: /^Users/ }).click();
    await page.waitForURL(/\/users$/);
    const table = page.getByRole("table", { name: "Directory users" });
    await table.getByRole("link", { name: "Grace Hopper" }).waitFor();
    await expect(table.locator("tbody tr").count()).resolves.toBe(3);
    await expect(
      table
        .getByRole("row", { name: /Ada Lovelace/ })
        .getByText("Engineering")
        .isVisible(),
    ).resolves.toBe(true);
    await expect(
      table
        .getByRole("row", { name: /Alan Turing/ })
        .getByText("Active")
        .isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, "dsync-4-users");
    await expectAccessible();
    await page.getByRole("searchbox", { name: "Search users" }).fill("ADA@");
    await page.getByRole("button", { name: "Search" }).click();
    await table.getByRole("link", { name: "Grace Hopper" }).waitFor({ state: "detached" });
    await expect(table.locator("tbody tr").count()).resolves.toBe(1);
    await table.getByRole("link", { name: "Ada Lovelace" }).click();
    await page.waitForURL(new RegExp(`/users/${people.Ada}$`));
    await page.getByRole("heading", { name: /Ada Lovelace/ }).waitFor();
    const raw = await page.getByLabel("Raw SCIM attributes").textContent();
    expect(JSON.parse(raw!)).toMatchObject({ userName: "ada@globex.example.com", title: "Chief Engineer" });
    await expect(page.getByText("Chief Engineer").first().isVisible()).resolves.toBe(true);
    await expect(page.locator("dt", { hasText: "department" }).locator("xpath=following-sibling::dd[1]").textContent()).resolves.toBe("R&D");
    await screenshot(page, "dsync-5-user");
    await expectAccessible();
  });

  it("regenerates the token: the new one is shown once and the old one stops working at once", async () => {
    await page.goto(directoryUrl);
    await page.getByRole("button", { name: "Regenerate token" }).first().click();
    await page.getByRole("alertdialog", { name: "Regenerate the bearer token?" }).waitFor();
    await screenshot(page, "dsync-6-regenerate-confirm");
    await page.getByRole("alertdialog").getByRole("button", { name: "Regenerate token" }).click();
    const dialog = page.getByRole("dialog", { name: "Your new bearer token" });
    await dialog.waitFor();
    const fresh = await dialog.getByRole("textbox", { name: "Bearer token" }).inputValue();
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh).not.toBe(token);
    await screenshot(page, "dsync-7-new-token");
    await expectAccessible();
    expect((await idp("GET", "/Users")).status).toBe(401);
    idp = scimClient(baseUrl, fresh);
    expect((await idp("GET", "/Users")).status).toBe(200);
    token = fresh;
    await dialog.getByRole("button", { name: "Done" }).click();
  });

  it("edits the attribute map, refusing a bad name inline, and the API shows the new custom attributes", async () => {
    await page.getByRole("link", { name: /Edit attribute map/ }).click();
    await page.getByRole("heading", { name: "Edit attribute map" }).waitFor();
    await page.getByRole("button", { name: "Remove division" }).click();
    await page.getByRole("button", { name: "Remove employee_number" }).click();
    await page.getByRole("button", { name: "Add attribute" }).click();
    const rows = page.getByRole("listitem").filter({ has: page.getByRole("button", { name: /^Remove/ }) });
    const last = await rows.count();
    await page.getByLabel(`Custom attribute ${last}`, { exact: true }).fill("Display Name");
    await page.getByLabel(`SCIM attribute ${last}`, { exact: true }).fill("displayName");
    await page.getByRole("button", { name: "Save attribute map" }).click();
    await page.getByText("Use lower-case letters, digits and _, starting with a letter.").waitFor();
    await screenshot(page, "dsync-8-attribute-map-error");
    await page.getByLabel(`Custom attribute ${last}`, { exact: true }).fill("display_name");
    await page.getByRole("button", { name: "Save attribute map" }).click();
    await page.getByText("Attribute map saved. Every user was updated.", { exact: true }).waitFor();
    await page.getByRole("heading", { name: "Example" }).waitFor();
    await screenshot(page, "dsync-9-attribute-map");
    await expectAccessible();
    const ada = (await api("GET", `/directory_users/${people.Ada}`)).body;
    expect(ada.custom_attributes).toEqual({
      department: "R&D",
      job_title: "Chief Engineer",
      manager_id: null,
      cost_center: null,
      display_name: "Ada Lovelace",
    });
  });

  it("lists the groups with their member counts, and each group's members", async () => {
    await page.goto(directoryUrl);
    await page.getByRole("link", { name: /^Groups/ }).click();
    await page.getByRole("heading", { name: "Groups", level: 1 }).waitFor();
    const rows = page.getByRole("list", { name: "Directory groups" }).getByRole("listitem");
    const names = await rows.locator("span.font-medium").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    const engineering = rows.filter({ hasText: "Engineering" });
    const counted = Number((await engineering.textContent())?.match(/(\d+) members?/)?.[1]);
    await screenshot(page, "dsync-groups");
    await expectAccessible();
    await engineering.getByRole("link").click();
    await page.getByRole("heading", { name: "Engineering", level: 1 }).waitFor();
    engineeringGroupId = page.url().split("/").at(-1)!;
    const members = page.getByRole("list", { name: "Group members" }).getByRole("listitem");
    expect(await members.count()).toBe(counted);
    const inGroup = (await api("GET", `/directory_users?group=${engineeringGroupId}`)).body.data as { first_name: string; last_name: string }[];
    expect(inGroup.length).toBe(counted);
    expect((await members.locator("span.font-medium").allTextContents()).sort()).toEqual(inGroup.map((u) => `${u.first_name} ${u.last_name}`).sort());
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "dsync-phone-group");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectAccessible();
  });

  it("syncs only the chosen groups: the others' users leave the list and the API, and come back with all groups", async () => {
    const directoryId = directoryUrl.split("/").at(-1)!;
    await page.goto(`${directoryUrl}/groups/sync`);
    await page.getByRole("heading", { name: "Edit groups sync" }).waitFor();
    await page.getByRole("radio", { name: /Only the groups I choose/ }).check();
    await page.getByRole("checkbox", { name: "Engineering" }).check();
    await screenshot(page, "dsync-10-groups-sync");
    await expectAccessible();
    await page.getByRole("button", { name: "Save groups sync" }).click();
    await page.getByText("1 group syncs", { exact: true }).waitFor();
    const listed = (await api("GET", `/directory_users?directory=${directoryId}`)).body.data.map((u: { first_name: string }) => u.first_name);
    expect(listed.sort()).toEqual(["Ada", "Grace"]);
    await page.goto(`${directoryUrl}/users`);
    await page.getByRole("link", { name: "Ada Lovelace" }).waitFor();
    await expect(page.getByRole("table", { name: "Directory users" }).locator("tbody tr").count()).resolves.toBe(2);

    await page.goto(`${directoryUrl}/groups/sync`);
    await page.getByRole("radio", { name: /All groups/ }).check();
    await page.getByRole("button", { name: "Save groups sync" }).click();
    await page.getByText("All groups sync", { exact: true }).waitFor();
    expect((await api("GET", `/directory_users?directory=${directoryId}`)).body.data).toHaveLength(3);
  });

  it("shows vendor staff the organization's directory, its counts and its users in the dashboard", async () => {
    const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const staff = await staffContext.newPage();
    try {
      await staff.goto(server.setupUrl!);
      await staff.getByLabel("Email").fill("owner@vendor.example.com");
      await staff.getByLabel("Full name").fill("Vera Vendor");
      await staff.getByLabel("Password", { exact: true }).fill("correct horse battery staple");
      await staff.getByLabel("Confirm password").fill("correct horse battery staple");
      await staff.getByRole("button", { name: "Create owner account" }).click();
      await staff.waitForURL(/\/dashboard$/);
      await staff.getByRole("link", { name: "Globex" }).click();
      await staff.getByRole("heading", { name: "Directories" }).waitFor();
      const entry = staff.getByRole("link", { name: /Okta.*3 users.*2 groups/ });
      await entry.waitFor();
      await screenshot(staff, "dsync-13-dashboard-organization");
      expect(await seriousA11yViolations(staff)).toEqual([]);
      await entry.click();
      await staff.waitForURL(/\/directories\/directory_[0-9A-Z]{26}$/);
      await staff.getByRole("link", { name: "Grace Hopper" }).waitFor();
      await expect(staff.getByText("display_name").isVisible()).resolves.toBe(true);
      await screenshot(staff, "dsync-14-dashboard-directory");
      expect(await seriousA11yViolations(staff)).toEqual([]);
      await staff.getByRole("link", { name: "Ada Lovelace" }).click();
      await staff.getByRole("heading", { name: /Ada Lovelace/ }).waitFor();
      await expect(staff.getByLabel("Raw SCIM attributes").textContent()).resolves.toContain("ada@globex.example.com");
    } finally {
      await staffContext.close();
    }
  });

  it("fits the directory screens on a 390px-wide phone screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const [path, name] of [
        ["", "directory"],
        ["/users", "users"],
        ["/attributes", "attributes"],
        [`/users/${people.Ada}`, "user"],
      ] as const) {
        await page.goto(`${directoryUrl}${path}`);
        await page.getByRole("heading", { level: 1 }).waitFor();
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(sideways, path).toBeLessThanOrEqual(0);
        // Tables lay each row out as a block: every cell, the last column's too, lies within the screen.
        const cutOff = await page.evaluate(
          () =>
            [...document.querySelectorAll("table[data-stacked] td")].filter((td) => {
              const box = td.getBoundingClientRect();
              return box.width > 0 && (box.right > window.innerWidth + 1 || box.left < -1);
            }).length,
        );
        expect(cutOff, path).toBe(0);
        await screenshot(page, `dsync-phone-${name}`);
      }
      await page.goto(`${directoryUrl}/users`);
      await page.getByRole("table", { name: "Directory users" }).getByText("Engineering").first().waitFor();
      expect(await page.getByRole("table", { name: "Directory users" }).getByText("Engineering").first().isVisible()).toBe(true);
      await screenshot(page, "dsync-phone-users-stacked");
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it("keeps the screens to the link's organization and intent", async () => {
    const other = await browser.newContext();
    try {
      const stranger = await other.newPage();
      await stranger.goto(directoryUrl);
      await stranger.getByRole("heading", { name: "Open your setup link to continue" }).waitFor();

      const linkFor = async (name: string, intent: string) => {
        const organization = (await api("POST", "/organizations", { name })).body;
        return (await api("POST", "/portal/generate_link", { organization: organization.id, intent })).body.link as string;
      };
      await stranger.goto(await linkFor("Initech", "sso"));
      await stranger.waitForURL(/\/portal\/sso$/);
      await stranger.goto(url("/portal/dsync"));
      await stranger.getByRole("heading", { name: "This link does not include Directory Sync" }).waitFor();

      await stranger.goto(await linkFor("Umbrella", "dsync"));
      await stranger.waitForURL(/\/portal\/dsync$/);
      for (const path of ["", "/users", "/groups", "/groups/sync", `/groups/${engineeringGroupId}`, "/attributes", `/users/${people.Ada}`]) {
        const response = await stranger.goto(`${directoryUrl}${path}`);
        expect(response?.status(), path).toBe(404);
        await expect(stranger.getByText("Globex").count()).resolves.toBe(0);
      }
    } finally {
      await other.close();
    }
  });

  it("resets the directory after confirmation: users and groups go, a new token is issued, and it waits for a first sync", async () => {
    await page.goto(directoryUrl);
    await page.getByRole("button", { name: "Reset directory" }).click();
    await page.getByRole("alertdialog", { name: "Reset this directory?" }).waitFor();
    await screenshot(page, "dsync-11-reset-confirm");
    await expectAccessible();
    await page.getByRole("button", { name: "Cancel" }).click();
    expect((await idp("GET", "/Users")).body.totalResults).toBe(3);

    await page.getByRole("button", { name: "Reset directory" }).click();
    await page.getByRole("button", { name: "Delete users and groups, and reset" }).click();
    const dialog = page.getByRole("dialog", { name: "Set up your identity provider again" });
    await dialog.waitFor();
    const fresh = await dialog.getByRole("textbox", { name: "Bearer token" }).inputValue();
    await dialog.getByRole("button", { name: "Done" }).click();
    await page.getByText("Waiting for the first sync", { exact: true }).waitFor();
    const stats = page.locator("dl").first();
    await expect(stats.getByText("Users").locator("xpath=following-sibling::dd[1]").textContent()).resolves.toBe("0");
    await expect(stats.getByText("Last sync").locator("xpath=following-sibling::dd[1]").textContent()).resolves.toBe("Never");
    await screenshot(page, "dsync-12-after-reset");
    expect((await idp("GET", "/Users")).status).toBe(401);
    expect((await scimClient(baseUrl, fresh)("GET", "/Users")).body.totalResults).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
