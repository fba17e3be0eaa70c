import * as client from "openid-client";
import { configurationFor, type Fetch, type OidcIdpSettings, type OutboundPolicy } from "./client";
import { OidcError, explainLibraryError } from "./errors";
import { cachedKeySet, forgetKeySet, rememberKeySet } from "./jwks-cache";
import { guardedFetch } from "./outbound";

interface OidcCallbackResult {
  claims: Record<string, unknown>;
  /** Claims from userinfo, when the ID token lacked the profile's. */
  userinfo: Record<string, unknown> | null;
}

/**
 * The callback: exchanges the code (with the PKCE verifier), then checks the ID token's signature
 * against the IdP's JWKS and its iss, aud, exp, iat and nonce (openid-client), refusing `alg: none`.
 */
export async function completeAuthorization(config: client.Configuration, callbackUrl: URL, expected: Expected, rebuild: Rebuild): Promise<OidcCallbackResult> {
  try {
    const checked = isTenantIssuer(config.serverMetadata().issuer) ? await tenantBound(config, callbackUrl, expected, rebuild) : config;
    const { tokens, verified } = await grantWithCachedKeys(checked, callbackUrl, expected, rebuild);
    const claims = tokens.claims() as Record<string, unknown> | undefined;
    if (!claims) throw new OidcError("id_token_missing");
    let userinfo: Record<string, unknown> | null = null;
    if (!claims.email && verified.serverMetadata().userinfo_endpoint) {
      userinfo = (await client.fetchUserInfo(verified, tokens.access_token, String(claims.sub))) as Record<string, unknown>;
    }
    return { claims, userinfo };
  } catch (error) {
    throw explainLibraryError(error);
  }
}

type Expected = { state: string; nonce: string; codeVerifier: string };
type Rebuild = { settings: OidcIdpSettings; policy: OutboundPolicy };

const grant = (config: client.Configuration, callbackUrl: URL, expected: Expected) =>
  client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: expected.codeVerifier,
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    idTokenExpected: true,
  });

/** What passed through a configuration's fetch during one code exchange. */
interface Traffic {
  tokenAnswer: TokenAnswer | null;
  keysFetched: boolean;
}

const sameUrl = (a: string, b: string | undefined) => b !== undefined && new URL(a).href === new URL(b).href;

/** Wraps the configuration's fetch to keep the token endpoint's answer and note any JWKS request. */
function watch(config: client.Configuration, metadata: client.ServerMetadata): Traffic {
  const traffic: Traffic = { tokenAnswer: null, keysFetched: false };
  const inner = config[client.customFetch];
  if (!inner) throw new Error("the OIDC configuration has no fetch");
  config[client.customFetch] = async (target, options) => {
    if (sameUrl(target, metadata.jwks_uri)) traffic.keysFetched = true;
    const response = await inner(target, options);
    if (!sameUrl(target, metadata.token_endpoint)) return response;
    const answer: TokenAnswer = { status: response.status, headers: response.headers, body: await response.text() };
    traffic.tokenAnswer = answer;
    return replayed(answer);
  };
  return traffic;
}

/**
 * The code exchange and every ID token check, with the IdP's keys as this process last read them
 * (jwks-cache.ts), so a sign-in pays no JWKS request while they are fresh.
 *
 * A key the IdP rotated in must still verify at the first sign-in that uses it. oauth4webapi reads the
 * JWKS again on an unknown `kid` only when its copy is at least a minute old (a cooldown against being
 * made to fetch on every forged token), so a key published seconds after the last read would fail; and
 * the code cannot simply be exchanged again, since an authorization code is good for one exchange
 * (RFC 6749 4.1.2). So the token endpoint's answer is kept as it passes, and when a token's key is not
 * among cached keys (and no JWKS was fetched during the exchange), the cached set is dropped and the
 * same answer is run once more through all of openid-client's checks with a freshly fetched JWKS: a
 * rotated-in key verifies, a key the IdP does not publish fails as `id_token_key_unknown` after exactly
 * one refetch.
 */
async function grantWithCachedKeys(config: client.Configuration, callbackUrl: URL, expected: Expected, rebuild: Rebuild) {
  const metadata = config.serverMetadata();
  const jwksUri = metadata.jwks_uri;
  const cached = jwksUri ? cachedKeySet(jwksUri) : undefined;
  if (cached) client.setJwksCache(config, cached);
  const traffic = watch(config, metadata);
  const remembering = async (used: client.Configuration) => {
    try {
      return { tokens: await grant(used, callbackUrl, expected), verified: used };
    } finally {
      // Keys read during a refused sign-in are still the IdP's current keys.
      if (jwksUri) rememberKeySet(jwksUri, client.getJwksCache(used));
    }
  };
  try {
    return await remembering(config);
  } catch (error) {
    const answer = traffic.tokenAnswer;
    if (!jwksUri || !cached || traffic.keysFetched || !answer || explainLibraryError(error).code !== "id_token_key_unknown") throw error;
    forgetKeySet(jwksUri);
    const real = guardedFetch(rebuild.policy.allowPrivate);
    const replay: Fetch = async (target, options) => (sameUrl(target, metadata.token_endpoint) ? replayed(answer) : real(target, options));
    return await remembering(configurationFor({ ...metadata }, rebuild.settings, rebuild.policy, replay));
  }
}

/**
 * Microsoft's multi-tenant endpoints (`common`, `organizations`) publish one issuer for every tenant,
 * `https://login.microsoftonline.com/{tenantid}/v2.0`; each ID token's `iss` names its own tenant. The
 * issuer a token must carry is that template filled with the token's own `tid` claim, checked exactly.
 */
export const TENANT_PLACEHOLDER = "{tenantid}";
const isTenantIssuer = (issuer: string) => issuer.includes(TENANT_PLACEHOLDER);
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The token endpoint's answer, kept so its ID token can be checked again without a second code exchange. */
interface TokenAnswer {
  status: number;
  headers: Headers;
  body: string;
}

const replayed = (answer: TokenAnswer) =>
  new Response(answer.status === 204 || answer.status === 304 ? null : answer.body, { status: answer.status, headers: answer.headers });

class CapturedTokenResponse extends Error {
  constructor(readonly answer: TokenAnswer) {
    super("token endpoint response captured");
  }
}

function capturedIn(error: unknown): CapturedTokenResponse | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof CapturedTokenResponse) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** The `tid` claim of the ID token in a token response, read before verification only to pick the issuer to verify against. */
function tenantOf(body: string): string | null {
  try {
    const idToken = (JSON.parse(body) as { id_token?: unknown }).id_token;
    if (typeof idToken !== "string") return null;
    const payload = JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString("utf8")) as { tid?: unknown };
    return typeof payload.tid === "string" ? payload.tid : null;
  } catch {
    return null;
  }
}

/**
 * openid-client compares `iss` with one fixed issuer, so the code is exchanged once (the token
 * endpoint's answer kept, not yet trusted), the tenant read from it, and the answer then run through
 * openid-client's full checks (signature, iss, aud, exp, iat, nonce) with the issuer for that tenant.
 */
async function tenantBound(config: client.Configuration, callbackUrl: URL, expected: Expected, rebuild: Rebuild): Promise<client.Configuration> {
  const metadata = config.serverMetadata();
  const tokenEndpoint = metadata.token_endpoint;
  const real = guardedFetch(rebuild.policy.allowPrivate);
  const capturing: Fetch = async (target, options) => {
    const response = await real(target, options);
    if (target !== tokenEndpoint) return response;
    throw new CapturedTokenResponse({ status: response.status, headers: response.headers, body: await response.text() });
  };
  // An `iss` in the authorization response (RFC 9207) is checked in the second pass, against the
  // issuer the token's tenant gives; the template it cannot equal is no ground to refuse it here.
  const probeUrl = new URL(callbackUrl);
  probeUrl.searchParams.delete("iss");
  let captured: CapturedTokenResponse | null = null;
  try {
    const probe = { ...(metadata as client.ServerMetadata), authorization_response_iss_parameter_supported: false };
    await grant(configurationFor(probe, rebuild.settings, rebuild.policy, capturing), probeUrl, expected);
  } catch (error) {
    captured = capturedIn(error);
    if (!captured) throw error;
  }
  if (!captured) throw new OidcError("invalid_response", "the token endpoint was not called");
  const { answer } = captured;
  const tenant = answer.status === 200 ? tenantOf(answer.body) : null;
  if (answer.status === 200 && (!tenant || !TENANT_ID.test(tenant)))
    throw new OidcError("id_token_issuer_invalid", "the ID token carries no tenant id (`tid`) to check its issuer against");
  // An error answer keeps the template: openid-client then explains the IdP's error itself.
  const issuer = tenant ? metadata.issuer.replace(TENANT_PLACEHOLDER, tenant) : metadata.issuer;
  const replay: Fetch = async (target, options) => (target === tokenEndpoint ? replayed(answer) : real(target, options));
  return configurationFor({ ...(metadata as client.ServerMetadata), issuer }, rebuild.settings, rebuild.policy, replay);
}
