/** Liveness: the process answers. Touches nothing else, so a slow database never gets an instance restarted. */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
