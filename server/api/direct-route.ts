/**
 * Marks a route handler that the production server may call without Next.js (server/http/direct.mjs):
 * one that answers every outcome itself (JSON, a redirect or its own small page, with its own CSP where
 * it needs one) and uses nothing of Next.js's request scope (`cookies()`, `headers()`, `after()`) or
 * proxy.ts, whose one contribution, the X-Request-ID, the direct path adds when the handler set none.
 * A global symbol, because the server reads it off the compiled bundle.
 */
const DIRECT_ROUTE = Symbol.for("portico.direct-route");

export function directRoute<T extends (request: Request, context: { params: Promise<never> }) => Promise<Response>>(handler: T): T {
  return Object.assign(handler, { [DIRECT_ROUTE]: true });
}
