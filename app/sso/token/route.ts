import { getDb } from "@/db/client";
import { readForm, STRICT_CSP } from "@/server/api/sso-http";
import { exchangeCode, OAuthError } from "@/server/services/sso";

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": STRICT_CSP } });

/** WorkOS `POST /sso/token`: the one-time code for `{access_token, profile}`. client_secret is an API key. */
export async function POST(request: Request): Promise<Response> {
  try {
    const type = request.headers.get("content-type") ?? "";
    let form: Record<string, string>;
    if (type.includes("application/json")) {
      const text = await request.text();
      if (text.length > 64 * 1024) return json(413, { error: "invalid_request", error_description: "The body is too large." });
      form = JSON.parse(text || "{}") as Record<string, string>;
    } else {
      const params = await readForm(request, 64 * 1024);
      if (!params) return json(413, { error: "invalid_request", error_description: "The body is too large." });
      form = Object.fromEntries(params);
    }
    return json(200, await exchangeCode(await getDb(), form, new Date()));
  } catch (error) {
    if (error instanceof OAuthError) return json(error.status, { error: error.error, error_description: error.description });
    if (error instanceof SyntaxError) return json(400, { error: "invalid_request", error_description: "The body is not valid JSON." });
    console.error("[sso/token]", error);
    return json(500, { error: "server_error", error_description: "Internal error." });
  }
}
