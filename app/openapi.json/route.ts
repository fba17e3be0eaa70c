import { openApiDocument } from "@/server/api/openapi/document";
import { env } from "@/server/env";

let cached: string | undefined;

/** The OpenAPI 3.1 document of the API, public like the API's shape itself (no data). */
export function GET(): Response {
  cached ??= JSON.stringify(openApiDocument(env().publicUrl));
  return new Response(cached, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
