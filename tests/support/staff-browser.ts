import type { Page } from "playwright-core";

export const bootstrapOwner = { email: "owner@vendor-e2e.example.com", password: "correct horse battery staple" };

/** Server settings that create the first owner at start, so a journey can begin at the sign-in page. */
export const bootstrapOwnerEnv = { BOOTSTRAP_OWNER_EMAIL: bootstrapOwner.email, BOOTSTRAP_OWNER_PASSWORD: bootstrapOwner.password };

export async function signIn(page: Page, baseUrl: string, who = bootstrapOwner): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard$/);
}

/** Creates an organization through the dashboard and returns its id (from the detail page's URL). */
export async function createOrganizationInBrowser(page: Page, baseUrl: string, name: string): Promise<string> {
  await page.goto(`${baseUrl}/dashboard/organizations/new`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create organization" }).click();
  await page.waitForURL(/\/dashboard\/organizations\/org_[^/]+$/);
  await page.getByRole("heading", { name }).waitFor();
  return page.url().split("/").pop()!;
}

/** Waits until `check` returns a value, polling; for things that arrive outside the page (mail, DNS). */
export async function eventually<T>(check: () => T | undefined | null, { timeoutMs = 15_000, what = "condition" } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
