import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";

/**
 * Anything no route or page matches. The API sits at the host root, so an SDK calling a path Portico
 * does not serve must get a WorkOS-shaped JSON 404 (an HTML page makes the SDK throw a parse error).
 * Under the pages' own areas a browser still gets the site's not-found page.
 */
const PAGE_AREAS = new Set(["dashboard", "portal", "sign-in", "invite"]);

function answer(request: Request): Response {
  const url = new URL(request.url);
  const area = url.pathname.split("/")[1] ?? "";
  if (PAGE_AREAS.has(area) && request.method === "GET") notFound();
  const requestId = request.headers.get("x-request-id") ?? randomUUID();
  return Response.json(
    { code: "not_found", message: `There is no ${request.method} ${url.pathname} in this API.` },
    { status: 404, headers: { "X-Request-ID": requestId, "Cache-Control": "no-store" } },
  );
}

export const GET = answer;
export const POST = answer;
export const PUT = answer;
export const PATCH = answer;
export const DELETE = answer;
