import { NextResponse, type NextRequest } from "next/server";

/** Gives every request an id (kept when the caller sent a sane one) and echoes it as X-Request-ID. */
export function proxy(request: NextRequest) {
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && /^[\w.:-]{8,128}$/.test(incoming) ? incoming : crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("X-Request-ID", requestId);
  return response;
}

// SCIM requests skip the proxy: an identity provider sends thousands in a burst, and the SCIM route
// sets its own X-Request-ID (server/api/scim-route.ts), saving each one a trip through the proxy.
export const config = { matcher: "/((?!scim/v2/|_next/static/|_next/image/|favicon.ico).*)" };
