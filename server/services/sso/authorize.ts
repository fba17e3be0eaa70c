import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { connections, organizationDomains, type ConnectionRow } from "@/db/schema";
import { DomainError, NotFoundError, ValidationError } from "@/server/errors";
import type { OutgoingRequest } from "@/server/saml/authn-request";
import { getClientId } from "@/server/services/settings/installation";
import { getRedirectSettings } from "@/server/services/settings/redirects";
import { findConnection } from "./load";
import type { SignInClient } from "./auth-events";
import { beginSignIn } from "./sign-in";

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
export type AuthorizeParams = z.input<typeof authorizeParamsSchema>;

export type AuthorizeOutcome = { kind: "idp"; request: OutgoingRequest } | { kind: "redirect"; url: string };

const bad = (field: string, code: string, message: string) => new ValidationError([{ field, code, message }]);

async function activeConnectionOf(db: Db, organizationId: string): Promise<ConnectionRow> {
  const [row] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.organizationId, organizationId), eq(connections.state, "active")))
    .orderBy(desc(connections.id))
    .limit(1);
  if (!row) throw new DomainError("connection_not_found", "The organization has no active SSO connection.");
  return row;
}

async function connectionFor(db: Db, params: AuthorizeParams): Promise<ConnectionRow> {
  if (params.connection) return findConnection(db, null, params.connection);
  if (params.organization) return activeConnectionOf(db, params.organization);
  const byDomain = params.domain ?? params.domain_hint;
  if (byDomain) {
    const domain = byDomain.trim().toLowerCase();
    const [owner] = await db
      .select({ organizationId: organizationDomains.organizationId })
      .from(organizationDomains)
      .where(eq(organizationDomains.domain, domain))
      .orderBy(desc(eq(organizationDomains.state, "verified")))
      .limit(1);
    if (!owner) throw new DomainError("domain_not_found", `No organization has the domain ${domain}.`);
    return activeConnectionOf(db, owner.organizationId);
  }
  if (params.provider)
    throw new DomainError("provider_not_supported", `The provider ${params.provider} is not available; use connection, organization or domain.`);
  throw new DomainError("connection_required", "Give connection, organization or domain.");
}

/**
 * `GET /sso/authorize`. Until redirect_uri is known to be on the allowlist, errors are answered here
 * (never redirected: no open redirects); after that they go back to the app as OAuth errors.
 */
export async function authorize(db: Db, params: AuthorizeParams, now: Date, client?: SignInClient): Promise<AuthorizeOutcome> {
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
  if (selectors > 1) return back("ambiguous_connection_selector", "Give only one of connection, organization or provider.");
  try {
    const connection = await connectionFor(db, params);
    const { request } = await beginSignIn(db, {
      connection,
      kind: "sign_in",
      redirectUri: normalized,
      clientState: params.state ?? null,
      codeChallenge: params.code_challenge ?? null,
      loginHint: params.login_hint ?? null,
      prompt: params.prompt === "login" ? "login" : null,
      scopes: params.provider_scopes,
      client,
      now,
    });
    return { kind: "idp", request };
  } catch (error) {
    if (error instanceof NotFoundError) return back("connection_invalid", error.message);
    if (error instanceof DomainError)
      return back(
        error.code === "connection_not_found" || error.code === "domain_not_found" ? "organization_invalid" : "connection_invalid",
        `${error.code}: ${error.message}`,
      );
    throw error;
  }
}
