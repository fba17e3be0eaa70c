import { STRICT_CSP } from "@/server/api/sso-http";
import { openContext } from "@/server/services/context";
import { profileForAccessToken } from "@/server/services/sso";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": STRICT_CSP },
  });

/** WorkOS `GET /sso/profile`, authenticated by the access token from `POST /sso/token`. */
export async function GET(request: Request): Promise<Response> {
  const match = /^Bearer\s+(\S{20,200})$/i.exec(request.headers.get("authorization") ?? "");
  const profile = match ? await profileForAccessToken(await openContext({ type: "public", entry: "sso" }), match[1]!, new Date()) : null;
  if (!profile) return json(401, { code: "unauthorized", message: "The access token is invalid or expired." });
  return json(200, profile);
}
