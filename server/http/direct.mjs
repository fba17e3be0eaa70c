// Machine traffic straight to its route handler: a SCIM request from an IdP, or an audit-log event from the
// vendor's app, needs none of Next.js's page machinery (routing tables, proxy, render pipeline, response
// compression), which took most of the CPU of each request. The edge calls the very handler Next.js would
// (the compiled module Next.js loads itself, so the same services, database handle, caches and errors),
// with the same headers next.config.ts adds. Anything the fast path is not sure to answer as Next.js
// would (other methods, odd paths) goes to Next.js.
import { createRequire } from "node:module";
import path from "node:path";

const methods = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
// `/scim/v2/<directory>/<path...>`: at least one path segment, no empty, `.` or `..` segment, no trailing slash.
const scimPath = /^\/scim\/v2\/([^/]+)\/((?:[^/]+\/)*[^/]+)$/;
/** Bodies larger than this are not kept whole: the handlers refuse anything over 1 MiB anyway. */
const bodyCap = 2 * 1024 * 1024;

/**
 * The routes taken straight to their handler: each gives the route file under `.next/server/app` and the
 * params Next.js would hand its handler, or null when the request is not its own.
 */
const routes = [
  {
    file: ["scim", "v2", "[directoryId]", "[...path]", "route.js"],
    params(pathname) {
      const match = scimPath.exec(pathname);
      if (!match) return null;
      const segments = match[2].split("/");
      if (segments.some((s) => s === "." || s === "..")) return null;
      // The edge checked the path decodes (server/http/edge.ts); Next.js hands the handler decoded segments.
      return { directoryId: decodeURIComponent(match[1]), path: segments.map(decodeURIComponent) };
    },
  },
  {
    file: ["audit_logs", "events", "route.js"],
    params: (pathname, method) => (method === "POST" && pathname === "/audit_logs/events" ? {} : null),
  },
];

/**
 * Returns `direct(req, res)`: a promise when it answers the request, null when Next.js should.
 * `headers` are the ones next.config.ts adds to these replies.
 */
export function directRoutes(dir, headers) {
  const require = createRequire(path.join(dir, "package.json"));
  const loaded = new Map();
  const handlersOf = (route) => {
    if (!loaded.has(route)) {
      loaded.set(
        route,
        (async () => {
          const { routeModule } = require(path.join(dir, ".next", "server", "app", ...route.file));
          await routeModule.ensureUserland();
          return routeModule.userland;
        })(),
      );
    }
    return loaded.get(route);
  };
  return (req, res) => {
    if (!methods.has(req.method)) return null;
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const pathname = query === -1 ? url : url.slice(0, query);
    for (const route of routes) {
      const params = route.params(pathname, req.method);
      if (params) return answer(handlersOf(route), req, res, params, headers);
    }
    return null;
  };
}

async function answer(loading, req, res, params, extraHeaders) {
  const handlers = await loading;
  const handler = handlers[req.method];
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
