import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/server/env";
import { RateLimitedError } from "@/server/errors";
import { clientAddress } from "@/server/http/client-address";
import { PORTAL_COOKIE, portalCookieOptions } from "@/server/portal/cookie";
import { openContext } from "@/server/services/context";
import { exchangePortalLink } from "@/server/services/portal";

/**
 * Opening a portal link: the token is exchanged for a session cookie and the browser is sent to a
 * URL without the token, so it does not linger in history, logs or Referer headers.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const base = env().publicUrl;
  const clientIp = clientAddress(request.headers);
  try {
    const result = await exchangePortalLink(await openContext({ type: "public", entry: "portal-link" }), { token, clientIp });
    if (!result.ok) return NextResponse.redirect(`${base}/portal/link-error?reason=${result.reason}`, 303);
    // An API link is made for one feature: it opens that feature's screen, not a home with one card.
    const [only] = result.intents;
    const landing = result.linkKind === "api" && result.intents.length === 1 && only ? `/portal/${only}` : "/portal";
    const response = NextResponse.redirect(`${base}${landing}`, 303);
    response.cookies.set(PORTAL_COOKIE, result.sessionToken, portalCookieOptions(result.expiresAt));
    response.headers.set("Referrer-Policy", "no-referrer");
    return response;
  } catch (error) {
    if (error instanceof RateLimitedError) return NextResponse.redirect(`${base}/portal/link-error?reason=rate_limited`, 303);
    throw error;
  }
}
