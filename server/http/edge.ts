import type { IncomingMessage, ServerResponse } from "node:http";
import { availableParallelism } from "node:os";
import { env } from "../env";
import { scimErrorBody } from "../scim/errors";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { requestIdFrom } from "./request-id";
import { proxyTrust, resolveClientAddress, type ProxyTrust } from "./forwarded";
import { commonSecurityHeaders, dataContentSecurityPolicy, strictTransportSecurity } from "./security-headers";

/**
 * What the edge server does before Next.js sees a request. Route handlers cannot see the socket, so
 * the client address is decided here, once, and handed on in a header only this code may set.
 */
export interface EdgeSettings {
  port: number;
  trust: ProxyTrust;
  https: boolean;
  shutdownTimeoutMs: number;
  /** DATA_DIR when the embedded database is in use; null with Postgres. */
  embeddedDataDir: string | null;
  log: { level: string; format: "json" | "pretty" };
  /** Worker processes sharing the port: WEB_CONCURRENCY or one per core with Postgres, 1 with the embedded database. */
  workers: number;
  /** Why a WEB_CONCURRENCY above 1 was not followed, to say so at start. */
  workersNote: string | null;
}

/** Throws "Invalid configuration: ..." like every other start-up path when the environment is wrong. */
export function edgeSettings(): EdgeSettings {
  const config = env();
  return {
    port: config.PORT,
    trust: proxyTrust(config.TRUSTED_PROXIES),
    https: config.publicUrl.startsWith("https:"),
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    embeddedDataDir: config.DATABASE_URL ? null : config.DATA_DIR,
    log: { level: config.LOG_LEVEL, format: config.LOG_FORMAT },
    // The embedded database is one process's files, held under a lock: a second worker could not open it.
    workers: config.DATABASE_URL ? (config.WEB_CONCURRENCY ?? availableParallelism()) : 1,
    workersNote:
      !config.DATABASE_URL && (config.WEB_CONCURRENCY ?? 1) > 1
        ? "WEB_CONCURRENCY is ignored with the embedded database (one process only): set DATABASE_URL to run several workers"
        : null,
  };
}

/** Next.js sets long-lived caching on its hashed build assets itself; everything else may carry a session or a secret. */
function cacheable(pathname: string): boolean {
  return pathname.startsWith("/_next/static/") || pathname.startsWith("/docs/api/assets/") || pathname === "/favicon.ico";
}

/** Returns false when the edge answered the request itself. */
export function prepareRequest(req: IncomingMessage, res: ServerResponse, settings: EdgeSettings): boolean {
  // Headers in Portico's own namespace are set here or nowhere: a client's copy is dropped.
  for (const name of Object.keys(req.headers)) if (name.startsWith("x-portico-")) delete req.headers[name];
  req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], settings.trust);
  // Decided here so the edge's log line and the app's replies carry the same id.
  const incoming = req.headers["x-request-id"];
  req.headers["x-request-id"] = requestIdFrom(typeof incoming === "string" ? incoming : null);
  const pathname = (req.url ?? "/").split("?")[0]!;
  if (settings.https) res.setHeader("Strict-Transport-Security", strictTransportSecurity);
  if (!cacheable(pathname)) res.setHeader("Cache-Control", "no-store");
  try {
    decodeURIComponent(pathname);
  } catch {
    // Next.js answers a path it cannot decode with a bare text 500; a malformed path is the client's error.
    rejectMalformedPath(req, res, pathname);
    return false;
  }
  return true;
}

function rejectMalformedPath(req: IncomingMessage, res: ServerResponse, pathname: string) {
  const requestId = req.headers["x-request-id"] as string;
  const message = "The request path is not valid percent-encoding (RFC 3986 §2.1).";
  const scim = pathname.startsWith("/scim/");
  const body = scim ? scimErrorBody(400, message, "invalidSyntax") : { code: "invalid_request_path", message };
  res.writeHead(400, {
    ...commonSecurityHeaders,
    "Content-Security-Policy": dataContentSecurityPolicy,
    "Content-Type": scim ? "application/scim+json; charset=utf-8" : "application/json; charset=utf-8",
    "X-Request-ID": requestId,
  });
  res.end(JSON.stringify(body));
}
