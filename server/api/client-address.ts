import "server-only";

/**
 * The address a request came from, for per-client rate limits. Read from the forwarding headers, as
 * the rest of the app does for now; the one place to change when addresses come from the socket.
 */
export function clientAddressOf(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || request.headers.get("x-real-ip") || "unknown").slice(0, 64);
}
