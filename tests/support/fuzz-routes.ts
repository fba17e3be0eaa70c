import { readFileSync } from "node:fs";
import path from "node:path";
import { appRouter } from "@/server/trpc/routers/_app";
import { jsonRequest, type FuzzRequest } from "./fuzz-client";
import { badBodies, badPathSegments, badQueryValues, badValues, fieldVariants, nested } from "./fuzz-matrix";
import { projectRoot } from "./paths";
import { procedures, type PortalEntry, type StaffEntry } from "./routes";

/** Real ids the fuzz matrix aims at, so malformed input reaches past the "not found" answer. */
export interface FuzzTargets {
  organizationId: string;
  connectionId: string;
  directoryId: string;
  contactId: string;
}

/** A valid body per REST route that takes one; each field of it is then malformed in turn. */
export const restBodies: Record<string, (t: FuzzTargets, certificate: string) => Record<string, unknown>> = {
  "POST /webhook_endpoints": () => ({ endpoint_url: "https://hooks.fuzz.example.com/in", events: ["organization.created"] }),
  "PATCH /webhook_endpoints/[id]": () => ({ endpoint_url: "https://hooks.fuzz.example.com/in", events: ["organization.created"], status: "disabled" }),
  "POST /organizations": () => ({
    name: "Fuzz",
    domain_data: [{ domain: "fuzz-new.example", state: "pending" }],
    external_id: "ext",
    metadata: { tier: "gold" },
  }),
  "PUT /organizations/[id]": () => ({
    name: "Fuzz",
    domain_data: [{ domain: "fuzz-put.example", state: "pending" }],
    external_id: "ext-put",
    metadata: { tier: "gold" },
  }),
  "POST /organizations/[id]/it_contacts": () => ({ email: "it.person@fuzz-org.example" }),
  "POST /organizations/[id]/it_contacts/[contactId]/invite": () => ({ intents: ["sso"] }),
  "POST /organizations/[id]/it_contacts/[contactId]/revoke": () => ({}),
  "POST /portal/generate_link": (t) => ({
    organization: t.organizationId,
    intent: "sso",
    return_url: "https://app.example.com/back",
    success_url: "https://app.example.com/done",
  }),
  "POST /connections": (t, certificate) => ({
    organization_id: t.organizationId,
    connection_type: "GenericSAML",
    name: "Fuzz",
    idp_entity_id: "https://idp.example.org/e",
    sso_url: "https://idp.example.org/sso",
    x509_certificates: [certificate],
  }),
  "PUT /connections/[id]": (_t, certificate) => ({
    name: "Fuzz",
    idp_entity_id: "https://idp.example.org/e",
    sso_url: "https://idp.example.org/sso",
    x509_certificates: [certificate],
    attribute_mapping: { email: "mail" },
    allow_idp_initiated: false,
    clock_skew_seconds: 180,
    state: "active",
  }),
  // The fuzz test's own callback URL, so a valid variant leaves /sso/authorize's allowlist as it was.
  "PUT /redirect_uris": () => ({ redirect_uris: ["https://app.example.com/callback"] }),
  "POST /organization_domains": (t) => ({ organization_id: t.organizationId, domain: "fuzz-domain.example" }),
  "POST /organization_domains/[id]/verify": () => ({}),
  "POST /directories": (t) => ({ organization_id: t.organizationId, type: "okta", name: "Fuzz" }),
  "POST /directories/[id]/token": () => ({}),
  "POST /audit_logs/events": (t) => ({
    organization_id: t.organizationId,
    event: {
      action: "fuzz.happened",
      occurred_at: "2026-11-01T10:00:00.000Z",
      actor: { id: "user_1", type: "user", name: "Fuzz", metadata: { role: "admin" } },
      targets: [{ id: "team_1", type: "team", metadata: { size: 3 } }],
      context: { location: "203.0.113.1", user_agent: "fuzz" },
      metadata: { reason: "fuzz" },
    },
  }),
  "POST /audit_logs/actions/[action]/schemas": () => ({
    actor: { metadata: { type: "object", properties: { role: { type: "string" } } } },
    targets: [{ type: "team", metadata: { type: "object", properties: { size: { type: "number" } } } }],
    metadata: { type: "object", properties: { reason: { type: "string" } } },
  }),
  "POST /audit_logs/exports": (t) => ({
    organization_id: t.organizationId,
    range_start: "2026-10-01T00:00:00.000Z",
    range_end: "2026-11-30T00:00:00.000Z",
    actions: ["fuzz.happened"],
    actor_names: ["Fuzz"],
    actor_ids: ["user_1"],
    targets: ["team"],
  }),
  "PUT /organizations/[id]/audit_logs_retention": () => ({ retention_period_in_days: 30 }),
};

/** Routes whose real-id form would destroy or rotate what the rest of the matrix aims at. */
const keepMissingIds = /^DELETE |\/token$|\/revoke$/;

function withRealIds(value: string, t: FuzzTargets): string {
  return value
    .replaceAll("org_missing", t.organizationId)
    .replaceAll("conn_missing", t.connectionId)
    .replaceAll("directory_missing", t.directoryId)
    .replaceAll("it_contact_missing", t.contactId);
}

/** The query parameters a route reads, taken from its source so a new parameter is fuzzed too. */
function queryParamsOf(route: string): string[] {
  const file = path.join(projectRoot, "app", route.split(" ")[1]!, "route.ts");
  const source = readFileSync(file, "utf8");
  const names = [...source.matchAll(/searchParams\.get\("(\w+)"\)|csvParam\(url, "(\w+)"\)/g)].map((m) => m[1] ?? m[2]!);
  if (source.includes("listQuery(url)")) names.push("limit", "before", "after", "order");
  return [...new Set(names)];
}

export function restMatrix(route: string, target: string, t: FuzzTargets, apiKey: string, certificate: string): FuzzRequest[] {
  const [method, file] = route.split(" ") as [string, string];
  const auth = { Authorization: `Bearer ${apiKey}` };
  const real = keepMissingIds.test(route) ? target : withRealIds(target, t);
  const template = restBodies[route]?.(t, certificate);
  const withBody = (p: string): FuzzRequest =>
    template ? jsonRequest(`${route} ${p}`, method, p, template, auth) : { label: `${route} ${p}`, method, path: p, headers: auth, json: true };
  const requests: FuzzRequest[] = [];
  const [pathPart, query = ""] = target.split("?") as [string, string?];
  const segments = pathPart.split("/");
  file.split("/").forEach((segment, i) => {
    if (!segment.startsWith("[")) return;
    for (const bad of badPathSegments) requests.push(withBody([...segments.slice(0, i), bad, ...segments.slice(i + 1)].join("/") + (query ? `?${query}` : "")));
  });
  if (method === "GET") {
    for (const name of queryParamsOf(route)) {
      for (const value of badQueryValues) {
        const params = new URLSearchParams(real.split("?")[1]);
        params.delete(name);
        const rest = params.toString();
        requests.push(withBody(`${real.split("?")[0]}?${rest ? `${rest}&` : ""}${name}=${value}`));
      }
    }
    requests.push(withBody(`${real}${real.includes("?") ? "&" : "?"}%00=1&limit=1&limit=2`));
  }
  if (template) {
    for (const bad of badBodies)
      requests.push({
        label: `${route} body ${bad.label}`,
        method,
        path: real,
        headers: { ...auth, ...(bad.contentType ? { "Content-Type": bad.contentType } : {}) },
        body: bad.body,
        json: true,
      });
    for (const variant of fieldVariants(template)) requests.push(jsonRequest(`${route} ${variant.label}`, method, real, variant.value, auth));
  }
  for (const authorization of ["Basic Og==", `Bearer sk_\u00ff${"x".repeat(8000)}`]) {
    requests.push({ label: `${route} Authorization ${authorization.slice(0, 20)}`, method, path: real, headers: { Authorization: authorization }, json: true });
  }
  return requests;
}

const garbageCookies = [
  "portico_portal=%E0%A4%A",
  "portico_portal=%00",
  `portico_portal=${"x".repeat(4000)}`,
  "authjs.session-token=garbage",
  "authjs.session-token=%ZZ; portico_portal=%",
  "__Secure-authjs.session-token=a.b.c.d.e",
  "authjs.session-token.0=abc; authjs.session-token.1=def",
];

const fullCookieMatrix = ["staff.me", "organizations.create", "portal.overview.get", "portal.domains.add"];

function procedureType(name: string): "query" | "mutation" {
  const procedure = (appRouter._def as unknown as { procedures: Record<string, { _def: { type: "query" | "mutation" } }> }).procedures[name];
  return procedure!._def.type;
}

function trpcCall(label: string, name: string, input: unknown, cookie: string, kind = procedureType(name)): FuzzRequest {
  if (kind === "query") {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return { label, method: "GET", path: `/api/trpc/${name}${query}`, headers: { cookie }, json: true };
  }
  return {
    label,
    method: "POST",
    path: `/api/trpc/${name}`,
    headers: { cookie, "Content-Type": "application/json" },
    body: input === undefined ? undefined : JSON.stringify(input),
    json: true,
  };
}

/** The fuzz matrix of one procedure, sent as the caller it serves (staff, or a portal session with its intent). */
export function trpcMatrix(name: string, t: FuzzTargets, cookies: { staff: string; portal: (intent: string) => string }): FuzzRequest[] {
  const entry = procedures[name]!;
  const portal = "portal" in entry;
  const raw = portal ? (entry as PortalEntry).input?.((entry as PortalEntry).intent ?? "sso") : (entry as StaffEntry).input;
  const destructive = /delete|remove|revoke|reset|rotate/i.test(name);
  const base = raw === undefined || destructive ? raw : (JSON.parse(withRealIds(JSON.stringify(raw), t)) as unknown);
  const cookie = portal ? cookies.portal((entry as PortalEntry).intent ?? "sso") : cookies.staff;
  const requests: FuzzRequest[] = [];
  // The cookies are read once per request, before any procedure: every procedure gets the worst one (alone
  // and beside a good session), and the procedures that open each rung of the ladder get them all.
  const cookieCases = fullCookieMatrix.includes(name) ? garbageCookies : garbageCookies.slice(0, 1);
  for (const garbage of cookieCases) {
    requests.push(trpcCall(`${name} cookie ${garbage.slice(0, 30)}`, name, base, garbage));
    requests.push(trpcCall(`${name} signed in, plus cookie ${garbage.slice(0, 30)}`, name, base, `${cookie}; ${garbage}`));
  }
  for (const whole of [null, [], "\u0000", nested(200), { "\ud800": 1 }]) {
    requests.push(trpcCall(`${name} input ${JSON.stringify(whole).slice(0, 30)}`, name, whole, cookie));
  }
  if (base && typeof base === "object" && !Array.isArray(base)) {
    for (const variant of fieldVariants(base as Record<string, unknown>)) requests.push(trpcCall(`${name} ${variant.label}`, name, variant.value, cookie));
  } else {
    for (const bad of badValues) requests.push(trpcCall(`${name} input ${bad.label}`, name, bad.value, cookie));
  }
  // tRPC reads the transport (method, content type, JSON) the same way for every procedure: the rung openers suffice.
  if (!fullCookieMatrix.includes(name)) return requests;
  const kind = procedureType(name);
  requests.push({
    label: `${name} invalid JSON`,
    method: kind === "query" ? "GET" : "POST",
    path: kind === "query" ? `/api/trpc/${name}?input=%7B` : `/api/trpc/${name}`,
    headers: { cookie, "Content-Type": "application/json" },
    body: kind === "query" ? undefined : "{",
    json: true,
  });
  requests.push({
    label: `${name} text/plain`,
    method: "POST",
    path: `/api/trpc/${name}`,
    headers: { cookie, "Content-Type": "text/plain" },
    body: "\u0000",
    json: true,
  });
  requests.push(trpcCall(`${name} wrong method`, name, base, cookie, kind === "query" ? "mutation" : "query"));
  return requests;
}
