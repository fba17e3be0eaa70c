import { NextResponse, type NextRequest } from "next/server";
import { isDevelopment } from "@/server/env";
import { requestIdFrom } from "@/server/http/request-id";
import { contentSecurityPolicy } from "@/server/http/security-headers";

/**
 * Gives every request an id (kept when the caller sent a sane one), echoed as X-Request-ID, and a
 * fresh CSP nonce. Next.js reads the nonce from the request's Content-Security-Policy header and puts
 * it on the scripts it renders, so pages need no 'unsafe-inline' (and are rendered per request: see
 * app/layout.tsx).
 */
export function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers.get("x-request-id"));
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  // The SSO endpoints set their own CSP: the page that posts a signed AuthnRequest must be allowed to
  // submit its form to that one IdP (server/api/sso-http.ts).
  const policy = request.nextUrl.pathname.startsWith("/sso/") ? null : contentSecurityPolicy(nonce(), isDevelopment());
  if (policy) headers.set("Content-Security-Policy", policy);
  else headers.delete("Content-Security-Policy");
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("X-Request-ID", requestId);
  if (policy) response.headers.set("Content-Security-Policy", policy);
  return response;
}

function nonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

// SCIM requests skip the proxy: an identity provider sends thousands in a burst, and the SCIM route
// sets its own X-Request-ID (server/api/scim-route.ts), saving each one a trip through the proxy.
export const config = { matcher: "/((?!scim/v2/|_next/static/|_next/image/|favicon.ico).*)" };
