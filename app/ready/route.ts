import { readiness } from "@/server/services/operations/readiness";

/** Readiness for load balancers: 200 when this instance should get traffic, else 503 naming the reason. */
export async function GET(): Promise<Response> {
  const state = await readiness();
  if (state.ready) return Response.json({ status: "ready" });
  return Response.json({ status: "unavailable", reason: state.reason, message: state.message }, { status: 503, headers: { "Retry-After": "1" } });
}
