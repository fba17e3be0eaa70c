import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { connections, organizations, type ConnectionRow } from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import { NotFoundError, ValidationError } from "@/server/errors";
import type { OutgoingRequest } from "@/server/saml/authn-request";
import { organizationOwningDomain } from "@/server/services/organizations/load";
import { getClientId } from "@/server/services/settings/installation";
import { getRedirectSettings } from "@/server/services/settings/redirects";
import { findConnection } from "./load";
import type { SignInClient } from "./auth-events";
import { AuthorizeError, authorizeErrorDescriptions } from "./authorize-errors";
import { beginSignIn, ConnectionNotReadyError, REQUEST_LIFETIME_MS } from "./sign-in";
import { usableOAuthConnection } from "./oauth-connections";
import { beginOAuthSignIn } from "./oauth-sign-in";
import { OidcError } from "@/server/oidc/errors";

const param = z.string().max(4000);

/** `GET /sso/authorize` query parameters, as the SDKs send them (`provider_scopes` repeated or comma-joined). */
export const authorizeParamsSchema = z.object({
  client_id: param.optional(),
  redirect_uri: param.optional(),
  response_type: param.optional().meta({ example: "code" }),
  state: param.optional(),
  connection: param.optional(),
  organization: param.optional(),
  domain: param.optional(),
  provider: param.optional(),
  code_challenge: param.optional(),
  code_challenge_method: param.optional(),
  login_hint: param.optional(),
  domain_hint: param.optional(),
  prompt: param.optional(),
  provider_scopes: z.array(param).max(50).optional(),
});
type AuthorizeParams = z.input<typeof authorizeParamsSchema>;

type AuthorizeOutcome = { kind: "idp"; request: OutgoingRequest } | { kind: "redirect"; url: string };

const bad = (field: string, code: string, message: string) => new ValidationError([{ field, code, message }]);

/** The OAuth providers `provider=` may name; none signs in until staff configure and enable its OAuth client. */
const oauthProviders = new Set(["GoogleOAuth", "MicrosoftOAuth", "GitHubOAuth", "AppleOAuth"]);

/** A provider that cannot sign in here: unknown, or known but not configured (or disabled) in the dashboard. */
function providerError(provider: string): AuthorizeError {
  return new AuthorizeError(
    "connection_strategy_invalid",
    oauthProviders.has(provider) ? `The provider '${provider}' is not configured for this installation.` : `The provider '${provider}' is not valid.`,
  );
}
const HINT_MAX = 320;

/** The organization's one active connection; none and several are the errors WorkOS names. */
async function activeConnectionOf(db: Db, organizationId: string, none: AuthorizeError): Promise<ConnectionRow> {
  const rows = await db
    .select()
    .from(connections)
    .where(and(eq(connections.organizationId, organizationId), eq(connections.state, "active")))
    .orderBy(desc(connections.id))
    .limit(2);
  if (rows.length === 0) throw none;
  if (rows.length > 1) throw new AuthorizeError("ambiguous_connection_selector");
  return rows[0]!;
}

async function connectionFor(db: Db, params: AuthorizeParams): Promise<ConnectionRow> {
  if (params.connection) {
    const row = await findConnection(db, null, params.connection).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw new AuthorizeError("connection_invalid");
      throw error;
    });
    if (row.state !== "active") throw new AuthorizeError("connection_invalid");
    return row;
  }
  if (params.organization) {
    const [organization] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, params.organization));
    if (!organization) throw new AuthorizeError("organization_invalid");
    // WorkOS's own wording for an organization without a connection.
    return activeConnectionOf(db, organization.id, new AuthorizeError("organization_invalid", "No connection associated with organization"));
  }
  if (params.provider) throw providerError(params.provider);
  const byDomain = params.domain ?? params.domain_hint;
  if (byDomain) {
    const owner = await organizationOwningDomain(db, byDomain);
    if (!owner) throw new AuthorizeError("connection_domain_invalid");
    return activeConnectionOf(db, owner, new AuthorizeError("connection_domain_invalid"));
  }
  throw new AuthorizeError("invalid_connection_selector");
}

/**
 * `GET /sso/authorize`. Until redirect_uri is known to be on the allowlist, errors are answered here
 * (never redirected: no open redirects); after that they go back to the app as OAuth errors.
 */
export async function authorize(ctx: ServiceContext, params: AuthorizeParams, now: Date, client?: SignInClient): Promise<AuthorizeOutcome> {
  const { db } = ctx;
  if (!params.client_id) throw bad("client_id", "client_id_required", "is required");
  if (params.client_id !== (await getClientId(db))) throw bad("client_id", "client_id_invalid", "is not this installation's client id");
  if (!params.redirect_uri) throw bad("redirect_uri", "redirect_uri_required", "is required");
  const allowed = (await getRedirectSettings(db)).ssoCallbackUrls;
  let normalized: string;
  try {
    normalized = new URL(params.redirect_uri).toString();
  } catch {
    throw bad("redirect_uri", "redirect_uri_invalid", "must be an absolute URL");
  }
  if (!allowed.includes(normalized)) throw bad("redirect_uri", "redirect_uri_not_allowed", "is not one of the SSO callback URLs in the Redirects settings");
  const back = (error: string, description: string) => {
    const url = new URL(normalized);
    url.searchParams.set("error", error);
    url.searchParams.set("error_description", description);
    if (params.state) url.searchParams.set("state", params.state);
    return { kind: "redirect" as const, url: url.toString() };
  };
  if (params.response_type !== "code") return back("unsupported_response_type", "response_type must be code.");
  if (params.code_challenge && (params.code_challenge_method ?? "S256") !== "S256") return back("invalid_request", "code_challenge_method must be S256.");
  const selectors = [params.connection, params.organization, params.provider].filter(Boolean).length;
  if (selectors > 1) return back("ambiguous_connection_selector", authorizeErrorDescriptions.ambiguous_connection_selector);
  if (params.login_hint && params.login_hint.length > HINT_MAX) return back("invalid_request", `login_hint is longer than ${HINT_MAX} characters.`);
  const signIn = {
    kind: "sign_in" as const,
    redirectUri: normalized,
    clientState: params.state ?? null,
    codeChallenge: params.code_challenge ?? null,
    loginHint: params.login_hint || null,
    prompt: params.prompt === "login" ? "login" : null,
    scopes: params.provider_scopes,
    now,
  };
  try {
    if (params.provider) {
      const oauth = await usableOAuthConnection(db, params.provider);
      if (!oauth) throw providerError(params.provider);
      const { url } = await beginOAuthSignIn(db, oauth, { ...signIn, requestExpiresAt: new Date(now.getTime() + REQUEST_LIFETIME_MS) });
      return { kind: "idp", request: { binding: "redirect", url } };
    }
    const connection = await connectionFor(db, params);
    const { request } = await beginSignIn(db, { ...signIn, connection, client });
    return { kind: "idp", request };
  } catch (error) {
    if (error instanceof AuthorizeError) return back(error.code, error.description);
    // The provider's discovery, unreachable at this moment: a server error, as for an OIDC connection.
    if (error instanceof OidcError) return back("server_error", authorizeErrorDescriptions.server_error);
    if (error instanceof ConnectionNotReadyError) {
      // Active without an IdP configuration: no connection to use. The IdP unreachable (OIDC discovery): a server error.
      const unusable = error.code === "connection_not_configured" || error.code === "connection_inactive";
      return unusable
        ? back("connection_invalid", authorizeErrorDescriptions.connection_invalid)
        : back("server_error", authorizeErrorDescriptions.server_error);
    }
    throw error;
  }
}
