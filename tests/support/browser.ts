import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { projectRoot } from "./paths";

const artifactsDir = path.join(projectRoot, "tests", "e2e", ".artifacts");

/** Chromium from CHROMIUM_PATH or Debian's /usr/bin/chromium; null when neither exists. */
function chromiumPath(): string | null {
  const candidate = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  return existsSync(candidate) ? candidate : null;
}

/**
 * Browser tests need Chromium. Without one they are skipped with a loud line, except under CI=true,
 * where a missing browser fails the run.
 */
export function browserAvailable(): boolean {
  if (chromiumPath()) return true;
  const message = "Chromium not found (set CHROMIUM_PATH or run: apt-get install -y chromium)";
  if (process.env.CI === "true") throw new Error(`${message}; CI requires the browser tests.`);
  console.warn(
    `\n#############################################################\n# SKIPPED browser tests: ${message}\n#############################################################\n`,
  );
  return false;
}

/** playwright-core gives every launch a fresh throwaway profile (and refuses --user-data-dir). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath()!,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

let axe: string | undefined;
const axeSource = () => (axe ??= readFileSync(path.join(projectRoot, "node_modules", "axe-core", "axe.min.js"), "utf8"));

/** Runs axe-core in the page and returns the serious and critical violations (ids and targets). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: an inline <script> tag would be refused by the page's CSP.
  // Once per document: a second check of the same page (at another width) reuses it.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: (o?: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    ).axe.run();
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  return violations;
}

/**
 * Records every CSP violation a page meets: the browser's console report and the DOM event (which
 * also covers refused inline handlers and eval). The init script is not itself subject to the CSP.
 */
export async function watchViolations(page: Page, violations: string[]) {
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|CSP violation/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => violations.push(`${page.url()}: ${error.message}`));
}
