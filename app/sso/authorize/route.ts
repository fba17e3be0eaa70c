import { directRoute } from "@/server/api/direct-route";
import { jsonError, outgoing, redirect, signInClient } from "@/server/api/sso-http";
import { ValidationError } from "@/server/errors";
import { findUrlTextProblem, textFieldError } from "@/server/input-text";
import { openContext } from "@/server/services/context";
import { authorize, authorizeParamsSchema } from "@/server/services/sso";
import { parseInput } from "@/server/services/validate";

/** Starts an SSO sign-in (WorkOS `GET /sso/authorize`); authenticated by client_id and the redirect allowlist. */
export const GET = directRoute(async (request: Request): Promise<Response> => {
  try {
    const url = new URL(request.url);
    const unstorable = findUrlTextProblem(url);
    if (unstorable) throw new ValidationError([textFieldError(unstorable)]);
    // WorkOS sends provider_scopes repeated (and some clients comma-join them).
    const scopes = url.searchParams
      .getAll("provider_scopes")
      .flatMap((s) => s.split(/[ ,]+/))
      .filter(Boolean);
    const params = parseInput(authorizeParamsSchema, { ...Object.fromEntries(url.searchParams), provider_scopes: scopes.length ? scopes : undefined });
    const outcome = await authorize(await openContext({ type: "public", entry: "sso" }), params, new Date(), signInClient(request));
    return outcome.kind === "redirect" ? redirect(outcome.url) : outgoing(outcome.request);
  } catch (error) {
    return jsonError(error);
  }
});
