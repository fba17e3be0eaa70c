import * as client from "openid-client";
import { OidcError, explainLibraryError } from "./errors";
import { guardedFetch } from "./outbound";

/** What a connection stores about its OIDC IdP. */
export interface OidcIdpSettings {
  discoveryUrl: string | null;
  issuer: string | null;
  authorizationUrl: string | null;
  tokenUrl: string | null;
  jwksUrl: string | null;
  userinfoUrl: string | null;
  clientId: string;
  clientSecret: string;
  clockSkewSeconds: number;
}

interface OutboundPolicy {
  allowPrivate: boolean;
}

// Discovery documents change rarely: kept 10 minutes per URL, so a changed IdP is seen without a restart.
const DISCOVERY_TTL_MS = 10 * 60_000;
const discoveryCache = new Map<string, { metadata: client.ServerMetadata; at: number }>();

async function discover(url: string, settings: OidcIdpSettings, policy: OutboundPolicy): Promise<client.ServerMetadata> {
  const cached = discoveryCache.get(url);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.metadata;
  try {
    const config = await client.discovery(new URL(url), settings.clientId, settings.clientSecret, undefined, {
      [client.customFetch]: guardedFetch(policy.allowPrivate),
      // Plain http only where private addresses are allowed (a local IdP in development and tests).
      execute: policy.allowPrivate && url.startsWith("http:") ? [client.allowInsecureRequests] : [],
    });
    const metadata = config.serverMetadata();
    discoveryCache.set(url, { metadata, at: Date.now() });
    return metadata;
  } catch (error) {
    throw explainLibraryError(error);
  }
}

type Fetch = ReturnType<typeof guardedFetch>;

/**
 * The client configuration for one sign-in step. A fresh Configuration each time, so the IdP's JWKS
 * is read anew at every callback: a key the IdP rotated in is found at once, never a stale cache.
 */
export async function oidcConfiguration(settings: OidcIdpSettings, policy: OutboundPolicy): Promise<client.Configuration> {
  let metadata: client.ServerMetadata;
  // A copy: oauth4webapi caches JWKS per metadata object, and each sign-in should read the keys anew.
  if (settings.discoveryUrl) metadata = { ...(await discover(settings.discoveryUrl, settings, policy)) };
  else if (settings.issuer && settings.authorizationUrl && settings.tokenUrl && settings.jwksUrl) {
    metadata = {
      issuer: settings.issuer,
      authorization_endpoint: settings.authorizationUrl,
      token_endpoint: settings.tokenUrl,
      jwks_uri: settings.jwksUrl,
      ...(settings.userinfoUrl ? { userinfo_endpoint: settings.userinfoUrl } : {}),
    };
  } else throw new OidcError("connection_not_configured");
  return configurationFor(metadata, settings, policy, guardedFetch(policy.allowPrivate));
}

function configurationFor(metadata: client.ServerMetadata, settings: OidcIdpSettings, policy: OutboundPolicy, fetchImpl: Fetch): client.Configuration {
  const clientMetadata: Partial<client.ClientMetadata> = { client_secret: settings.clientSecret };
  if (settings.clockSkewSeconds > 0) clientMetadata[client.clockTolerance] = settings.clockSkewSeconds;
  const config = new client.Configuration(metadata, settings.clientId, clientMetadata);
  config[client.customFetch] = fetchImpl;
  // openid-client trusts an ID token from the token endpoint on TLS alone (OIDC Core 3.1.3.7 allows
  // it); Portico checks its signature against the IdP's JWKS anyway, so a forged or unsigned token fails.
  client.enableNonRepudiationChecks(config);
  if (policy.allowPrivate && [metadata.issuer, metadata.token_endpoint, metadata.jwks_uri].some((u) => u?.startsWith("http:")))
    client.allowInsecureRequests(config);
  return config;
}

/** Checks a configuration as the IT admin enters it, so a typo is named then, not at the first sign-in. */
export async function checkOidcSettings(settings: OidcIdpSettings, policy: OutboundPolicy): Promise<client.ServerMetadata> {
  if (settings.discoveryUrl) discoveryCache.delete(settings.discoveryUrl);
  const config = await oidcConfiguration(settings, policy);
  return config.serverMetadata();
}

interface AuthorizationRequest {
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  loginHint?: string | null;
  prompt?: string | null;
  scopes?: string[];
}

export async function authorizationUrl(config: client.Configuration, request: AuthorizationRequest): Promise<string> {
  const scopes = new Set(["openid", "email", "profile", ...(request.scopes ?? [])]);
  const params: Record<string, string> = {
    redirect_uri: request.redirectUri,
    scope: [...scopes].join(" "),
    response_type: "code",
    state: request.state,
    nonce: request.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(request.codeVerifier),
    code_challenge_method: "S256",
  };
  if (request.loginHint) params.login_hint = request.loginHint;
  if (request.prompt) params.prompt = request.prompt;
  return client.buildAuthorizationUrl(config, params).toString();
}

interface OidcCallbackResult {
  claims: Record<string, unknown>;
  /** Claims from userinfo, when the ID token lacked the profile's. */
  userinfo: Record<string, unknown> | null;
}

/**
 * The callback: exchanges the code (with the PKCE verifier), then checks the ID token's signature
 * against the IdP's JWKS and its iss, aud, exp, iat and nonce (openid-client), refusing `alg: none`.
 */
export async function completeAuthorization(
  config: client.Configuration,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
  rebuild?: { settings: OidcIdpSettings; policy: OutboundPolicy },
): Promise<OidcCallbackResult> {
  try {
    const checked = isTenantIssuer(config.serverMetadata().issuer) ? await tenantBound(config, callbackUrl, expected, rebuild) : config;
    const tokens = await client.authorizationCodeGrant(checked, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims() as Record<string, unknown> | undefined;
    if (!claims) throw new OidcError("id_token_missing");
    let userinfo: Record<string, unknown> | null = null;
    if (!claims.email && checked.serverMetadata().userinfo_endpoint) {
      userinfo = (await client.fetchUserInfo(checked, tokens.access_token, String(claims.sub))) as Record<string, unknown>;
    }
    return { claims, userinfo };
  } catch (error) {
    throw explainLibraryError(error);
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

class CapturedTokenResponse extends Error {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly body: string,
  ) {
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
async function tenantBound(
  config: client.Configuration,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
  rebuild: { settings: OidcIdpSettings; policy: OutboundPolicy } | undefined,
): Promise<client.Configuration> {
  if (!rebuild) throw new OidcError("id_token_issuer_invalid", "this IdP's issuer is tenant-templated and needs its settings to verify");
  const metadata = config.serverMetadata();
  const tokenEndpoint = metadata.token_endpoint;
  const real = guardedFetch(rebuild.policy.allowPrivate);
  const capturing: Fetch = async (target, options) => {
    const response = await real(target, options);
    if (target !== tokenEndpoint) return response;
    throw new CapturedTokenResponse(response.status, response.headers, await response.text());
  };
  // An `iss` in the authorization response (RFC 9207) is checked in the second pass, against the
  // issuer the token's tenant gives; the template it cannot equal is no ground to refuse it here.
  const probeUrl = new URL(callbackUrl);
  probeUrl.searchParams.delete("iss");
  let captured: CapturedTokenResponse | null = null;
  try {
    const probe = { ...(metadata as client.ServerMetadata), authorization_response_iss_parameter_supported: false };
    await client.authorizationCodeGrant(configurationFor(probe, rebuild.settings, rebuild.policy, capturing), probeUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    captured = capturedIn(error);
    if (!captured) throw error;
  }
  if (!captured) throw new OidcError("invalid_response", "the token endpoint was not called");
  const answer = captured;
  const tenant = answer.status === 200 ? tenantOf(answer.body) : null;
  if (answer.status === 200 && (!tenant || !TENANT_ID.test(tenant)))
    throw new OidcError("id_token_issuer_invalid", "the ID token carries no tenant id (`tid`) to check its issuer against");
  // An error answer keeps the template: openid-client then explains the IdP's error itself.
  const issuer = tenant ? metadata.issuer.replace(TENANT_PLACEHOLDER, tenant) : metadata.issuer;
  const replay: Fetch = async (target, options) =>
    target === tokenEndpoint ? new Response(answer.body, { status: answer.status, headers: answer.headers }) : real(target, options);
  return configurationFor({ ...(metadata as client.ServerMetadata), issuer }, rebuild.settings, rebuild.policy, replay);
}

export const randomState = client.randomState;
export const randomNonce = client.randomNonce;
export const randomCodeVerifier = client.randomPKCECodeVerifier;
