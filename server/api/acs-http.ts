import { errorPage, readForm, redirect, signInClient } from "@/server/api/sso-http";
import { env } from "@/server/env";
import { clientAddress } from "@/server/http/client-address";
import { NotFoundError, RateLimitedError } from "@/server/errors";
import { samlErrorExplanations } from "@/server/saml/errors";
import { openContext, type ServiceContext } from "@/server/services/context";
import { consumeSamlResponse } from "@/server/services/sso";

// Base64 of a 1 MiB response plus form overhead; anything larger is refused unread (check 9).
const MAX_FORM_BYTES = Math.ceil((1024 * 1024 * 4) / 3) + 16 * 1024;

/**
 * The SAML Assertion Consumer Service over HTTP-POST, authenticated by the response signature. `connectionOf`
 * picks the configuration: from the path for a connection's own ACS, from the response for the shared one.
 */
export async function acsResponse(request: Request, connectionOf: (ctx: ServiceContext, samlResponse: string) => Promise<string>): Promise<Response> {
  try {
    const form = await readForm(request, MAX_FORM_BYTES);
    if (!form) return errorPage(413, "Sign-in failed", samlErrorExplanations.response_too_large, "response_too_large");
    const samlResponse = form.get("SAMLResponse");
    if (!samlResponse) return errorPage(400, "Sign-in failed", "The IdP did not post a SAMLResponse to this address.", "malformed_response");
    const ctx = await openContext({ type: "idp", protocol: "saml" });
    const outcome = await consumeSamlResponse(ctx, {
      connectionId: await connectionOf(ctx, samlResponse),
      samlResponse,
      now: new Date(),
      clientAddress: clientAddress(request.headers),
      client: signInClient(request),
    });
    if (outcome.kind === "page") return errorPage(outcome.status, "Sign-in failed", outcome.explanation, outcome.code);
    return redirect(outcome.url.startsWith("/") ? `${env().publicUrl}${outcome.url}` : outcome.url);
  } catch (error) {
    if (error instanceof RateLimitedError) {
      const page = errorPage(
        429,
        "Too many sign-in attempts",
        `Too many SAML responses were posted. Try again in ${error.retryAfterSeconds} seconds.`,
        "rate_limited",
      );
      page.headers.set("Retry-After", String(error.retryAfterSeconds));
      return page;
    }
    if (error instanceof NotFoundError)
      return errorPage(404, "Unknown connection", "This SSO connection does not exist. Check the ACS URL configured at the IdP.");
    console.error("[acs]", error);
    return errorPage(500, "Sign-in failed", "Something went wrong while reading the response. Try again.");
  }
}
