// Machine traffic straight to its route handler: a SCIM request from an IdP, or a REST API call from the
// vendor's app, needs none of Next.js's page machinery (routing tables, proxy, render pipeline, response
// compression), which took most of the CPU of each request. The edge calls the very handler Next.js would
// (the compiled module Next.js loads itself, so the same services, database handle, caches and errors),
// with the same headers next.config.ts adds. Only handlers marked by server/api/direct-route.ts are called
// this way; pages, other routes, other methods and odd paths go to Next.js.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const methods = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
/** Bodies larger than this are not kept whole: the handlers refuse anything over 1 MiB anyway. */
const bodyCap = 2 * 1024 * 1024;
/** Set by server/api/direct-route.ts on the handlers that may be called this way (the REST API and SCIM). */
const DIRECT_ROUTE = Symbol.for("portico.direct-route");

/**
 * Every page and route of the build, from its manifest, most specific first as Next.js picks them
 * (static segments before dynamic ones before catch-alls), bucketed by a static first segment.
 */
function routeTable(dir) {
  let manifest = {};
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, ".next", "server", "app-paths-manifest.json"), "utf8"));
  } catch {
    // No build: nothing is taken directly.
  }
  const byFirst = new Map();
  const dynamicFirst = [];
  for (const [entry, file] of Object.entries(manifest)) {
    const isRoute = entry.endsWith("/route");
    const segments = entry
      .replace(/\/(route|page)$/, "")
      .split("/")
      .filter((s) => s && !(s.startsWith("(") && s.endsWith(")")));
    if (segments[0]?.startsWith("_")) continue;
    const names = [];
    const source = segments
      .map((s) => {
        if (s.startsWith("[[...") || s.startsWith("[...")) {
          names.push({ name: s.replace(/^\[+\.\.\.|\]+$/g, ""), many: true });
          return s.startsWith("[[") ? "((?:/[^/]+)*)" : "((?:/[^/]+)+)";
        }
        if (s.startsWith("[")) {
          names.push({ name: s.slice(1, -1), many: false });
          return "/([^/]+)";
        }
        return `/${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
      })
      .join("");
    const specificity = segments.reduce((n, s) => n * 3 + (s.startsWith("[[...") || s.startsWith("[...") ? 0 : s.startsWith("[") ? 1 : 2), 0);
    const pattern = { regex: new RegExp(`^${source || "/"}$`), names, specificity, length: segments.length, file: isRoute ? file : null };
    const first = segments[0];
    if (first && !first.startsWith("[")) byFirst.set(first, [...(byFirst.get(first) ?? []), pattern]);
    else dynamicFirst.push(pattern);
  }
  // Compare segment by segment: pad to equal length so a longer static path never loses to a shorter one.
  const order = (a, b) => b.specificity * 3 ** (8 - b.length) - a.specificity * 3 ** (8 - a.length);
  dynamicFirst.sort(order);
  for (const patterns of byFirst.values()) patterns.sort(order).push(...dynamicFirst);
  return (pathname) => {
    const slash = pathname.indexOf("/", 1);
    for (const pattern of byFirst.get(pathname.slice(1, slash === -1 ? undefined : slash)) ?? dynamicFirst) {
      const match = pattern.regex.exec(pathname);
      if (match) return { pattern, match };
    }
    return null;
  };
}

/** The params Next.js would hand the handler: decoded segments, a catch-all as an array. */
function paramsOf({ pattern, match }) {
  const params = {};
  pattern.names.forEach(({ name, many }, i) => {
    const value = match[i + 1] ?? "";
    params[name] = many ? value.slice(1).split("/").filter(Boolean).map(decodeURIComponent) : decodeURIComponent(value);
  });
  return params;
}

/**
 * Returns `direct(req, res, fallback)`: a promise when it answers the request (handing it to `fallback`,
 * Next.js, when the route's handler for the method is not one to call directly), null when Next.js should.
 * `headers` are the ones next.config.ts adds to these replies; `requestId(incoming)` gives the reply its
 * X-Request-ID when the handler set none, as proxy.ts does for what Next.js serves.
 */
export function directRoutes(dir, headers, requestId) {
  const require = createRequire(path.join(dir, "package.json"));
  const find = routeTable(dir);
  const loaded = new Map();
  const handlersOf = (file) => {
    if (!loaded.has(file)) {
      loaded.set(
        file,
        (async () => {
          const { routeModule } = require(path.join(dir, ".next", "server", file));
          await routeModule.ensureUserland();
          return routeModule.userland;
        })(),
      );
    }
    return loaded.get(file);
  };
  return (req, res, fallback) => {
    if (!methods.has(req.method)) return null;
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const pathname = query === -1 ? url : url.slice(0, query);
    // Empty, `.` and `..` segments and trailing slashes are Next.js's to normalise or redirect.
    if (!pathname.startsWith("/") || pathname.endsWith("/") || /\/\.{0,2}(\/|$)/.test(pathname)) return null;
    const found = find(pathname);
    if (!found?.pattern.file) return null;
    return handlersOf(found.pattern.file).then((handlers) => {
      const handler = handlers[req.method];
      if (!handler?.[DIRECT_ROUTE]) return fallback(req, res);
      // The edge checked the path decodes (server/http/edge.ts).
      return answer(handler, req, res, paramsOf(found), headers, requestId);
    });
  };
}

async function answer(handler, req, res, params, extraHeaders, requestId) {
  const body = req.method === "GET" || req.method === "DELETE" ? undefined : await readBody(req);
  const requestHeaders = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) requestHeaders.append(name, v);
    else if (value !== undefined) requestHeaders.set(name, value);
  }
  const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, { method: req.method, headers: requestHeaders, body });
  const response = await handler(request, { params: Promise.resolve(params) });
  const payload = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.headers.has("x-request-id")) res.setHeader("X-Request-ID", requestId(req.headers["x-request-id"]));
  if (payload) res.setHeader("Content-Length", payload.length);
  res.writeHead(response.status);
  res.end(payload);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      if (size > bodyCap) return;
      size += chunk.length;
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
