/**
 * The header the edge server (server/http/serve.mjs) sets on every request from the socket, or from
 * X-Forwarded-For when the socket's peer is a trusted proxy. It drops any copy a client sent.
 */
export const CLIENT_ADDRESS_HEADER = "x-portico-client-address";

/**
 * The client's address, for rate limits and logs. Never read X-Forwarded-For or X-Real-IP directly:
 * any client can write them. "unknown" when the app runs without the edge server (`next dev`).
 */
export function clientAddress(headers: Pick<Headers, "get">): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
