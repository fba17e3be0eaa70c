import { directRoute } from "@/server/api/direct-route";
import { errorPage, redirect, signInClient } from "@/server/api/sso-http";
import { env } from "@/server/env";
import { NotFoundError } from "@/server/errors";
import { findUrlTextProblem, textProblemOf } from "@/server/input-text";
import { openContext } from "@/server/services/context";
import { consumeOidcCallback } from "@/server/services/sso";

/** The OIDC redirect URI registered at the IdP. Authenticated by `state` and the ID token's signature. */
export const GET = directRoute(async (request: Request, context: { params: Promise<{ connectionId: string }> }): Promise<Response> => {
  const { connectionId } = await context.params;
  try {
    const url = new URL(request.url);
    if (textProblemOf(connectionId)) throw new NotFoundError("connection");
    if (findUrlTextProblem(url)) return errorPage(400, "Sign-in failed", "The IdP's answer holds characters that cannot be read.", "invalid_response");
    // openid-client compares the callback against the registered redirect URI, so rebuild it on the public URL.
    const callbackUrl = new URL(`${env().publicUrl}/sso/oidc/${encodeURIComponent(connectionId)}/callback${url.search}`);
    const outcome = await consumeOidcCallback(await openContext({ type: "idp", protocol: "oidc" }), {
      connectionId,
      callbackUrl,
      now: new Date(),
      client: signInClient(request),
    });
    if (outcome.kind === "page") return errorPage(outcome.status, "Sign-in failed", outcome.explanation, outcome.code);
    return redirect(outcome.url.startsWith("/") ? `${env().publicUrl}${outcome.url}` : outcome.url);
  } catch (error) {
    if (error instanceof NotFoundError)
      return errorPage(404, "Unknown connection", "This SSO connection does not exist. Check the redirect URI registered at the IdP.");
    console.error("[oidc-callback]", error);
    return errorPage(500, "Sign-in failed", "Something went wrong while reading the IdP's answer. Try again.");
  }
});
