import { directRoute } from "@/server/api/direct-route";
import { readForm, ssoJson } from "@/server/api/sso-http";
import { describeTextProblem, textProblemOf } from "@/server/input-text";
import { openContext } from "@/server/services/context";
import { exchangeCode, OAuthError, tokenRequestSchema, type TokenRequest } from "@/server/services/sso";

/** RFC 6749 §4.1.3 parameters are strings: anything else (an array, a number) is named. A JSON `null` is "not sent". */
function tokenRequest(value: unknown): TokenRequest {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new OAuthError("invalid_request", "The body must be a JSON object or a form.");
  const parsed = tokenRequestSchema.safeParse(value);
  if (!parsed.success) throw new OAuthError("invalid_request", `${String(parsed.error.issues[0]?.path[0] ?? "body")} must be a string.`);
  const form: TokenRequest = {};
  for (const [name, field] of Object.entries(parsed.data) as [keyof TokenRequest, string | null | undefined][]) {
    if (field === undefined || field === null) continue;
    const problem = textProblemOf(field);
    if (problem) throw new OAuthError("invalid_request", `${name} ${describeTextProblem(problem)}.`);
    form[name] = field;
  }
  return form;
}

/** WorkOS `POST /sso/token`: the one-time code for `{access_token, profile}`. client_secret is an API key. */
export const POST = directRoute(async (request: Request): Promise<Response> => {
  const json = (status: number, body: unknown) => ssoJson(request, status, body);
  try {
    const type = request.headers.get("content-type") ?? "";
    let body: unknown;
    if (type.includes("application/json")) {
      const text = await request.text();
      if (text.length > 64 * 1024) return json(413, { error: "invalid_request", error_description: "The body is too large." });
      body = JSON.parse(text || "{}");
    } else {
      const params = await readForm(request, 64 * 1024);
      if (!params) return json(413, { error: "invalid_request", error_description: "The body is too large." });
      body = Object.fromEntries(params);
    }
    return json(200, await exchangeCode(await openContext({ type: "public", entry: "sso" }), tokenRequest(body), new Date()));
  } catch (error) {
    if (error instanceof OAuthError) return json(error.status, { error: error.error, error_description: error.description });
    if (error instanceof SyntaxError) return json(400, { error: "invalid_request", error_description: "The body is not valid JSON." });
    console.error("[sso/token]", error);
    return json(500, { error: "server_error", error_description: "Internal error." });
  }
});
