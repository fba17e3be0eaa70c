/**
 * A small runner for Runscope/BlazeMeter API-test exports (Okta's SCIM suites): variable substitution,
 * variable extraction from JSON responses, and the assertion comparisons those suites use.
 */
export interface RunscopeStep {
  step_type: "request" | "pause";
  note?: string;
  method?: string;
  url?: string;
  headers?: Record<string, string[] | string>;
  body?: string;
  assertions?: { source: string; property?: string; comparison: string; value: string | null }[];
  variables?: { source: string; name: string | null; property: string }[];
}

interface RunscopeResult {
  note: string;
  method: string;
  url: string;
  status: number | null;
  failures: string[];
  checked: number;
  skipped?: string;
  notEnforced: string[];
}

function jsonPath(value: unknown, path: string): unknown {
  if (!path) return value;
  let current: unknown = value;
  for (const part of path
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .filter(Boolean)) {
    if (current === null || current === undefined) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function notEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

interface RunscopeOptions {
  variables: Record<string, string>;
  /** Replaces a step that cannot run here (a call to Okta's own API) with what it makes Okta send. */
  replay?: (step: RunscopeStep, variables: Map<string, string>) => Promise<string | undefined>;
}

export async function runRunscopeSuite(steps: RunscopeStep[], options: RunscopeOptions): Promise<RunscopeResult[]> {
  const variables = new Map(Object.entries(options.variables));
  const sub = (text: string) => String(text).replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => variables.get(name) ?? whole);
  const results: RunscopeResult[] = [];
  for (const step of steps) {
    // Pauses pace requests against a live org; they change nothing here.
    if (step.step_type !== "request") continue;
    const note = step.note ?? "";
    const base: RunscopeResult = { note, method: step.method!, url: step.url!, status: null, failures: [], checked: 0, notEnforced: [] };
    if (options.replay) {
      const replayed = await options.replay(step, variables);
      if (replayed !== undefined) {
        results.push({ ...base, skipped: replayed });
        continue;
      }
    }
    const url = sub(step.url!);
    const headers: Record<string, string> = {};
    for (const [key, values] of Object.entries(step.headers ?? {})) headers[key] = sub((Array.isArray(values) ? values[0] : values) ?? "");
    const started = performance.now();
    const response = await fetch(url, { method: step.method, headers, body: step.body ? sub(step.body) : undefined });
    const elapsed = performance.now() - started;
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const result: RunscopeResult = { ...base, url, status: response.status };
    for (const a of step.assertions ?? []) {
      const expected = a.value === null ? null : sub(String(a.value));
      if (a.source === "response_time") {
        // Timing is not asserted in tests (shared 2-core machine); the measured value is reported.
        result.notEnforced.push(`response_time ${a.comparison} ${expected} (measured ${elapsed.toFixed(0)} ms)`);
        continue;
      }
      const actual = a.source === "response_status" ? response.status : jsonPath(json, a.property ?? "");
      let ok: boolean;
      switch (a.comparison) {
        case "equal_number":
          ok = Number(actual) === Number(expected);
          break;
        case "equal":
          ok = String(actual) === String(expected);
          break;
        case "not_empty":
          ok = notEmpty(actual);
          break;
        case "is_a_number":
          ok = typeof actual === "number";
          break;
        case "has_value":
        case "contains":
          ok = Array.isArray(actual) ? actual.includes(expected) : String(actual ?? "").includes(String(expected));
          break;
        case "is_less_than":
          ok = Number(actual) < Number(expected);
          break;
        default:
          ok = false;
      }
      result.checked++;
      if (!ok) result.failures.push(`${a.source}${a.property ? ` ${a.property}` : ""} ${a.comparison} ${expected}: got ${JSON.stringify(actual)}`);
    }
    for (const v of step.variables ?? []) {
      if (v.name && v.source === "response_json") variables.set(v.name, String(jsonPath(json, v.property) ?? ""));
    }
    results.push(result);
  }
  return results;
}
