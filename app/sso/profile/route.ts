import { directRoute } from "@/server/api/direct-route";
import { ssoJson } from "@/server/api/sso-http";
import { openContext } from "@/server/services/context";
import { profileForAccessToken } from "@/server/services/sso";

/** WorkOS `GET /sso/profile`, authenticated by the access token from `POST /sso/token`. */
export const GET = directRoute(async (request: Request): Promise<Response> => {
  const match = /^Bearer\s+(\S{20,200})$/i.exec(request.headers.get("authorization") ?? "");
  const profile = match ? await profileForAccessToken(await openContext({ type: "public", entry: "sso" }), match[1]!, new Date()) : null;
  if (!profile) return ssoJson(request, 401, { code: "unauthorized", message: "The access token is invalid or expired." });
  return ssoJson(request, 200, profile);
});
