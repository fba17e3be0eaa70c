import { metricsAccess, renderMetrics } from "@/server/services/operations/metrics";

/** Prometheus scrape endpoint: off (404) unless METRICS_TOKEN is set, then that token as a bearer. */
export async function GET(request: Request): Promise<Response> {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access === "disabled") return Response.json({ code: "not_found", message: "Metrics are off: set METRICS_TOKEN to serve them." }, { status: 404 });
  if (access === "denied") {
    return Response.json(
      { code: "unauthorized", message: "Send the METRICS_TOKEN as a bearer token." },
      { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } },
    );
  }
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "Content-Type": contentType } });
}
