/**
 * Why an OIDC sign-in failed, each in plain words that name the fix (mostly at the IdP). The code goes
 * to the session log and, prefixed, to the app's `error_description`.
 */
export const oidcErrorExplanations = {
  connection_not_configured: "This connection has no OIDC configuration yet: enter the discovery URL, client id and client secret.",
  connection_inactive:
    "This connection is not active, so it signs nobody in. Finish its setup (a successful Test sign-in) or ask an administrator to activate it.",
  state_unknown: "This answer does not belong to a sign-in Portico started (or it has expired after 15 minutes). Start the sign-in again from the app.",
  request_already_used: "This sign-in was already completed once; an answer is accepted only once. Start the sign-in again.",
  idp_error: "The IdP refused the sign-in and sent the user back with an error.",
  access_denied:
    "The IdP denied access: the user may not be assigned to this application at the IdP, or declined consent. Assign the user (or their group) to the application.",
  idp_unreachable:
    "Portico could not reach the IdP (discovery, token or key endpoint). Check the discovery URL and that the IdP is reachable from Portico's server.",
  discovery_invalid: "The discovery document is not a valid OpenID Provider configuration. Check that the URL ends in /.well-known/openid-configuration.",
  client_secret_invalid:
    "The IdP refused the client id or client secret at its token endpoint. The secret may have expired or been rotated: create a new client secret at the IdP and enter it in Portico.",
  redirect_uri_mismatch:
    "The IdP does not accept Portico's redirect URI for this client. Register the redirect URI shown in Portico, exactly, in the application at the IdP.",
  code_invalid:
    "The IdP refused the authorization code (expired, already used, or issued to another client). Start the sign-in again; if it repeats, check the client id.",
  id_token_missing: "The IdP answered without an ID token. Make sure the application at the IdP is an OpenID Connect app and the `openid` scope is allowed.",
  id_token_unsigned: "The ID token is not signed (alg: none). Portico accepts only signed ID tokens: set the application at the IdP to sign ID tokens (RS256).",
  id_token_algorithm_unsupported:
    "The ID token is signed with an algorithm Portico does not accept. Set the application at the IdP to sign with RS256 or ES256.",
  id_token_signature_invalid:
    "The ID token's signature does not verify with the IdP's published keys. Check that the discovery URL belongs to the IdP that issued the token.",
  id_token_key_unknown:
    "The ID token is signed with a key the IdP does not publish in its JWKS (unknown `kid`), even after fetching the keys again. Check the IdP's key configuration.",
  id_token_audience_invalid:
    "The ID token was issued for another client (`aud`). Check that the client id entered in Portico is the one of this application at the IdP.",
  id_token_issuer_invalid: "The ID token's issuer (`iss`) is not the one in the discovery document. Check the discovery URL, or the issuer entered by hand.",
  id_token_expired: "The ID token has expired (`exp`), beyond the allowed clock skew. Check the clocks of the IdP and of Portico's server.",
  id_token_not_yet_valid: "The ID token was issued in the future (`iat`), beyond the allowed clock skew. Check the clocks of the IdP and of Portico's server.",
  nonce_mismatch:
    "The ID token's nonce does not match the one Portico sent: the token belongs to another sign-in (possibly replayed). Start the sign-in again.",
  email_missing:
    "The IdP sent no email claim. Add the `email` scope to the application at the IdP (or map the claim that carries the email in the attribute map).",
  email_unverified:
    "The IdP says the user's email address is not verified (`email_verified: false`). Verify the address at the IdP, or use an IdP account whose email is verified.",
  subject_mismatch: "The userinfo answer is for another user than the ID token (`sub`). Check the IdP's configuration.",
  invalid_response: "The IdP's answer could not be understood. The details are in the session log.",
} as const;

type OidcErrorCode = keyof typeof oidcErrorExplanations;

export class OidcError extends Error {
  readonly explanation: string;
  constructor(
    readonly code: OidcErrorCode,
    readonly detail?: string,
  ) {
    super(`${code}${detail ? `: ${detail}` : ""}`);
    this.explanation = detail ? `${oidcErrorExplanations[code]} (${detail})` : oidcErrorExplanations[code];
  }
}

interface LibraryError {
  code?: string;
  error?: string;
  error_description?: string;
  message?: string;
  cause?: unknown;
}

/** openid-client wraps oauth4webapi's errors: the useful facts may sit one or two causes down. */
function chainOf(raw: unknown): LibraryError[] {
  const chain: LibraryError[] = [];
  let current: unknown = raw;
  while (current && typeof current === "object" && chain.length < 4) {
    chain.push(current as LibraryError);
    current = (current as LibraryError).cause;
  }
  return chain;
}

function findValue(chain: LibraryError[], read: (link: Record<string, unknown>) => unknown): string | undefined {
  for (const link of chain) {
    const value = read(link as Record<string, unknown>);
    if (typeof value === "string") return value;
  }
  return undefined;
}

/** openid-client's failures (oauth4webapi codes and OAuth error bodies) mapped to the explained codes. */
export function explainLibraryError(raw: unknown): OidcError {
  if (raw instanceof OidcError) return raw;
  const chain = chainOf(raw);
  const messages =
    chain
      .map((l) => l.message)
      .filter(Boolean)
      .join(" / ") || String(raw);
  const code = findValue(chain, (l) => l.code);
  const claim = findValue(chain, (l) => l.claim);
  const alg = findValue(chain, (l) => l.alg ?? (l.header as { alg?: unknown } | undefined)?.alg);
  const oauthError = findValue(chain, (l) => l.error);
  const description = findValue(chain, (l) => l.error_description);
  if (oauthError) {
    const said = description ? `${oauthError}: ${description}` : oauthError;
    if (oauthError === "invalid_client" || oauthError === "unauthorized_client") return new OidcError("client_secret_invalid", `the IdP said ${said}`);
    if (/redirect/i.test(description ?? "")) return new OidcError("redirect_uri_mismatch", `the IdP said ${said}`);
    if (oauthError === "invalid_grant") return new OidcError("code_invalid", `the IdP said ${said}`);
    return new OidcError("idp_error", `the IdP said ${said}`);
  }
  if (alg === "none" || /"alg" header parameter|alg.*none|unsecured/i.test(messages))
    return alg && alg !== "none" ? new OidcError("id_token_algorithm_unsupported", `alg ${alg}`) : new OidcError("id_token_unsigned");
  if (claim === "aud" || claim === "azp") return new OidcError("id_token_audience_invalid");
  if (claim === "iss") return new OidcError("id_token_issuer_invalid");
  if (claim === "nonce") return new OidcError("nonce_mismatch");
  if (claim === "sub") return new OidcError("subject_mismatch");
  if (claim === "exp") return new OidcError("id_token_expired");
  if (claim === "iat" || claim === "nbf") return new OidcError("id_token_not_yet_valid", `claim ${claim}`);
  switch (code) {
    case "OAUTH_JWS_SIGNATURE_VERIFICATION_FAILED":
      return new OidcError("id_token_signature_invalid");
    case "OAUTH_KEY_SELECTION_FAILED":
      return new OidcError("id_token_key_unknown");
    case "OAUTH_UNSUPPORTED_OPERATION":
      return new OidcError("id_token_algorithm_unsupported", messages);
    case "OAUTH_INVALID_SERVER_METADATA":
    case "OAUTH_MISSING_SERVER_METADATA":
      return new OidcError("discovery_invalid", messages);
  }
  if (/id_token/i.test(messages) && /missing|expected/i.test(messages)) return new OidcError("id_token_missing");
  if (code === undefined || /fetch|ECONN|ENOTFOUND|timed out|did not answer|private or loopback/i.test(messages))
    return new OidcError("idp_unreachable", messages);
  return new OidcError("invalid_response", messages);
}
