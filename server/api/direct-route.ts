/**
 * Marks a route handler that the production server may call without Next.js (server/http/direct.mjs):
 * one that sets its own X-Request-ID, answers every error as JSON, and needs nothing from proxy.ts or
 * the render pipeline. A global symbol, because the server reads it off the compiled bundle.
 */
const DIRECT_ROUTE = Symbol.for("portico.direct-route");

export function directRoute<T extends (request: Request, context: { params: Promise<never> }) => Promise<Response>>(handler: T): T {
  return Object.assign(handler, { [DIRECT_ROUTE]: true });
}
