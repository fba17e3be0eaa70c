import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { RateLimitedError } from "@/server/errors";
import { env } from "@/server/env";
import { appRouter } from "@/server/trpc/routers/_app";
import { requestContext } from "@/server/trpc/request-context";

/**
 * Mutations ride on cookies (staff session, portal session). SameSite=Lax keeps those cookies off
 * cross-site POSTs already; refusing a foreign Origin outright is the second lock on that door.
 */
function crossSite(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || request.method === "GET") return false;
  try {
    const host = new URL(origin).host;
    // Behind a reverse proxy the request's own URL may name an internal host: PUBLIC_URL counts too.
    return host !== new URL(request.url).host && host !== new URL(env().publicUrl).host && host !== request.headers.get("host");
  } catch {
    return true;
  }
}

async function handler(request: Request) {
  if (crossSite(request)) {
    return Response.json({ error: { message: "Cross-site requests are refused." } }, { status: 403 });
  }
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => requestContext(request),
    // A 429 says when to try again, as the REST API's does.
    responseMeta: ({ errors }) => {
      const limited = errors.map((e) => e.cause).find((cause) => cause instanceof RateLimitedError);
      return limited ? { headers: new Headers({ "Retry-After": String(limited.retryAfterSeconds) }) } : {};
    },
  });
  // Every answer is JSON (no transformer, no streaming), but tRPC labels some of its own errors, such as
  // 415 for a text/plain body, text/plain: a client reading the content type would not parse them.
  if (response.headers.get("content-type")?.includes("json")) return response;
  const headers = new Headers(response.headers);
  headers.set("Content-Type", "application/json");
  return new Response(response.body, { status: response.status, headers });
}

export { handler as GET, handler as POST };
