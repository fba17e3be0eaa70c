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

export interface OutboundPolicy {
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

export type Fetch = ReturnType<typeof guardedFetch>;

/**
 * The client configuration for one sign-in step. The IdP's keys are not kept in it: the callback hands
 * it the key set this process last read (jwks-cache.ts, see `grantWithCachedKeys`).
 */
export async function oidcConfiguration(settings: OidcIdpSettings, policy: OutboundPolicy): Promise<client.Configuration> {
  let metadata: client.ServerMetadata;
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

export function configurationFor(metadata: client.ServerMetadata, settings: OidcIdpSettings, policy: OutboundPolicy, fetchImpl: Fetch): client.Configuration {
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

export const randomState = client.randomState;
export const randomNonce = client.randomNonce;
export const randomCodeVerifier = client.randomPKCECodeVerifier;
