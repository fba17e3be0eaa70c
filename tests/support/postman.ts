import { randomInt, randomUUID } from "node:crypto";
import { runInNewContext } from "node:vm";
import { chai } from "vitest";

/**
 * A small runner for Postman v2.1 collections: variables and dynamic variables, pre-request and test
 * scripts run with a `pm` object (chai's expect, as Postman's sandbox has), results per request.
 * `adapt` lets a test point a request at this server, or say why a step cannot apply.
 */
export interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: {
    method: string;
    url: string | { raw: string };
    header?: { key: string; value: string }[];
    body?: { mode?: string; raw?: string };
    auth?: { type: string; bearer?: { key: string; value: string }[] };
  };
  event?: { listen: "prerequest" | "test"; script: { exec: string[] } }[];
}

export interface PostmanCollection {
  item: PostmanItem[];
  variable?: { key: string; value: string }[];
  auth?: PostmanItem["request"] extends infer R ? (R extends { auth?: infer A } ? A : never) : never;
}

interface StepResult {
  folder: string;
  name: string;
  method: string;
  url: string;
  status: number | null;
  skipped?: string;
  failures: string[];
  passed: string[];
}

interface Adaptation {
  /** Why the step cannot run here; it is reported, not sent. */
  skip?: string;
  /** Rewrites the URL after substitution. */
  url?: (url: string) => string;
}

const firstNames = ["Avery", "Jordan", "Riley", "Morgan", "Casey", "Quinn", "Harper", "Rowan", "Emerson", "Sasha"];
const lastNames = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Castillo", "Novak", "Haddad", "Brennan", "Iyer", "Kowalski"];
const pick = <T>(list: T[]) => list[randomInt(list.length)]!;

function dynamic(name: string): string | undefined {
  switch (name) {
    case "$guid":
      return randomUUID();
    case "$randomInt":
      return String(randomInt(1000));
    case "$isoTimestamp":
      return new Date().toISOString();
    case "$timestamp":
      return String(Math.floor(Date.now() / 1000));
    // A suffix keeps generated people distinct across a run, as Postman's faker pool mostly does.
    case "$randomFirstName":
      return `${pick(firstNames)}${randomInt(100000)}`;
    case "$randomLastName":
      return `${pick(lastNames)}${randomInt(100000)}`;
    case "$randomCountryCode":
      return pick(["US", "GB", "DE", "FR", "JP", "BR", "IN"]);
    case "$randomJobTitle":
      return pick(["Engineer", "Designer", "Analyst", "Manager"]);
    case "$randomJobArea":
      return pick(["Research", "Operations", "Marketing", "Sales"]);
    case "$randomPhoneNumber":
      return `555-${String(randomInt(10000)).padStart(4, "0")}`;
    default:
      return undefined;
  }
}

export async function runPostmanCollection(
  collection: PostmanCollection,
  options: { environment: Record<string, string>; adapt?: (folder: string, name: string) => Adaptation | undefined },
): Promise<StepResult[]> {
  const environment = new Map(Object.entries(options.environment));
  const collectionVars = new Map((collection.variable ?? []).map((v) => [v.key, v.value]));
  const results: StepResult[] = [];

  const walk = async (items: PostmanItem[], folder: string) => {
    for (const item of items) {
      if (item.item) await walk(item.item, item.name);
      else if (item.request) results.push(await runItem(item, folder));
    }
  };

  async function runItem(item: PostmanItem, folder: string): Promise<StepResult> {
    const request = item.request!;
    const local = new Map<string, string>();
    const resolve = (text: string) =>
      text.replace(
        /\{\{([^{}]+)\}\}/g,
        (whole, name: string) => local.get(name) ?? environment.get(name) ?? collectionVars.get(name) ?? dynamic(name) ?? whole,
      );
    const store = (map: Map<string, string>) => ({ get: (k: string) => map.get(k), set: (k: string, v: unknown) => void map.set(k, String(v)) });
    const rawUrl = typeof request.url === "string" ? request.url : request.url.raw;
    const result: StepResult = { folder, name: item.name, method: request.method, url: rawUrl, status: null, failures: [], passed: [] };
    const adaptation = options.adapt?.(folder, item.name);
    if (adaptation?.skip) return { ...result, skipped: adaptation.skip };
    const pm: Record<string, unknown> = {
      environment: store(environment),
      collectionVariables: store(collectionVars),
      variables: { ...store(local), replaceIn: (t: string) => resolve(t) },
      expect: chai.expect,
      test: (name: string, fn: () => void) => {
        try {
          fn();
          result.passed.push(name);
        } catch (error) {
          result.failures.push(`${name}: ${(error as Error).message}`);
        }
      },
    };
    const script = (listen: "prerequest" | "test", extra: Record<string, unknown> = {}) => {
      const code = item.event?.find((e) => e.listen === listen)?.script.exec.join("\n") ?? "";
      if (!code.trim()) return;
      try {
        runInNewContext(code, {
          pm,
          console: { log: () => {} },
          postman: { setEnvironmentVariable: (k: string, v: unknown) => environment.set(k, String(v)) },
          ...extra,
        });
      } catch (error) {
        result.failures.push(`${listen} script threw: ${(error as Error).message}`);
      }
    };
    script("prerequest");
    let url = resolve(rawUrl);
    if (adaptation?.url) url = adaptation.url(url);
    result.url = url;
    const headers: Record<string, string> = {};
    for (const h of request.header ?? []) headers[h.key] = resolve(h.value);
    const auth = request.auth ?? collection.auth;
    if (auth?.type === "bearer") {
      const token = resolve(auth.bearer?.find((b) => b.key === "token")?.value ?? "");
      headers.Authorization = `Bearer ${token || environment.get("token") || ""}`;
    }
    const body = request.body?.raw !== undefined && request.method !== "GET" ? resolve(request.body.raw) : undefined;
    const started = performance.now();
    const response = await fetch(url, { method: request.method, headers, body });
    const text = await response.text();
    result.status = response.status;
    const elapsed = performance.now() - started;
    let parsed: unknown;
    pm.response = {
      code: response.status,
      responseTime: elapsed,
      text: () => text,
      json: () => (parsed ??= JSON.parse(text)),
      to: { have: { status: (code: number) => chai.expect(response.status, `status of ${request.method} ${url}`).to.equal(code) } },
    };
    script("test", { responseBody: text });
    return result;
  }

  await walk(collection.item, "");
  return results;
}
