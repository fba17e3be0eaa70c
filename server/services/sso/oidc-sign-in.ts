import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { ssoSessions, type ConnectionRow, type SsoSessionRow } from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { env } from "@/server/env";
import { derivedId, newId } from "@/server/ids";
import { completeAuthorization } from "@/server/oidc/callback";
import { authorizationUrl, oidcConfiguration, randomCodeVerifier, randomNonce, randomState, type OidcIdpSettings } from "@/server/oidc/client";
import { OidcError, oidcErrorExplanations } from "@/server/oidc/errors";
import { profileFromClaims } from "@/server/oidc/profile";
import type { ProfileWire } from "@/server/saml/profile";
import { noClient, recordSsoOutcome, recordSsoStarted, type SignInClient, type SignInResult } from "./auth-events";
import { finishSignIn, type SignInOutcome, type SignInVerdict } from "./complete";
import { findConnection } from "./load";
import { OIDC_SECRET_PURPOSE, outboundPolicy } from "./oidc-policy";

const VERIFIER_PURPOSE = "oidc-code-verifier";

export function oidcRedirectUri(connectionId: string): string {
  // Kept in step with ConnectionView.oidc.redirectUri (load.ts) and oauthRedirectUri, which are registered at the IdP.
  return `${env().publicUrl}/sso/oidc/${connectionId}/callback`;
}

function oidcSettingsOf(connection: ConnectionRow): OidcIdpSettings {
  if (!connection.oidcClientId || !connection.oidcClientSecret || !(connection.oidcDiscoveryUrl || connection.oidcIssuer))
    throw new OidcError("connection_not_configured");
  return {
    discoveryUrl: connection.oidcDiscoveryUrl,
    issuer: connection.oidcIssuer,
    authorizationUrl: connection.oidcAuthorizationUrl,
    tokenUrl: connection.oidcTokenUrl,
    jwksUrl: connection.oidcJwksUrl,
    userinfoUrl: connection.oidcUserinfoUrl,
    clientId: connection.oidcClientId,
    clientSecret: decryptSecret(connection.oidcClientSecret, OIDC_SECRET_PURPOSE),
    clockSkewSeconds: connection.clockSkewSeconds,
  };
}

export interface OidcBeginInput {
  connection: ConnectionRow;
  kind: "sign_in" | "test" | "certificate_test";
  redirectUri?: string | null;
  clientState?: string | null;
  codeChallenge?: string | null;
  loginHint?: string | null;
  prompt?: string | null;
  scopes?: string[];
  /** Who is signing in, for the authentication events of an organization's connection. */
  client?: SignInClient;
  now: Date;
  requestExpiresAt: Date;
}

/** Where an OIDC sign-in goes and what its attempt row belongs to: an organization's connection or the environment's OAuth connection. */
export interface OidcSignInTarget {
  settings: OidcIdpSettings;
  /** The path segment of the redirect URI (`/sso/oidc/<id>/callback`). */
  callbackId: string;
  organizationId: string | null;
  connectionId: string | null;
  oauthConnectionId: string | null;
}

/**
 * Starts an OIDC sign-in: a fresh state (stored as the attempt's request id, so it is single-use),
 * nonce and PKCE verifier, and the IdP's authorization URL. The log keeps the request as sent.
 */
export async function beginOidcSignIn(db: DbOrTx, input: OidcBeginInput): Promise<{ sessionId: string; url: string }> {
  const { connection } = input;
  return startOidcAttempt(
    db,
    {
      settings: oidcSettingsOf(connection),
      callbackId: connection.id,
      organizationId: connection.organizationId,
      connectionId: connection.id,
      oauthConnectionId: null,
    },
    input,
  );
}

export async function startOidcAttempt(
  db: DbOrTx,
  target: OidcSignInTarget,
  input: Omit<OidcBeginInput, "connection">,
): Promise<{ sessionId: string; url: string }> {
  const config = await oidcConfiguration(target.settings, outboundPolicy());
  const state = randomState();
  const nonce = randomNonce();
  const codeVerifier = randomCodeVerifier();
  const url = await authorizationUrl(config, {
    redirectUri: oidcRedirectUri(target.callbackId),
    state,
    nonce,
    codeVerifier,
    loginHint: input.loginHint,
    prompt: input.prompt,
    scopes: input.scopes,
  });
  const sessionId = newId("sso_session");
  const { organizationId, connectionId } = target;
  const insertAttempt = (tx: DbOrTx) =>
    tx.insert(ssoSessions).values({
      id: sessionId,
      organizationId: target.organizationId,
      connectionId: target.connectionId,
      oauthConnectionId: target.oauthConnectionId,
      kind: input.kind,
      requestId: state,
      requestXml: JSON.stringify({ authorization_request: Object.fromEntries(new URL(url).searchParams) }, null, 2),
      requestExpiresAt: input.requestExpiresAt,
      redirectUri: input.redirectUri ?? null,
      clientState: input.clientState ?? null,
      codeChallenge: input.codeChallenge ?? null,
      oidcNonce: nonce,
      oidcCodeVerifier: encryptSecret(codeVerifier, VERIFIER_PURPOSE),
      createdAt: input.now,
      updatedAt: input.now,
    });
  if (organizationId && connectionId) {
    // An organization's connection: the attempt and its `authentication.sso_started` commit together.
    await db.transaction(async (tx) => {
      await insertAttempt(tx);
      await recordSsoStarted(tx, { id: sessionId, organizationId, connectionId }, input.client ?? noClient, input.requestExpiresAt, input.now);
    });
  } else await insertAttempt(db);
  return { sessionId, url };
}

export type OidcVerdict = { ok: true; profile: ProfileWire } | { ok: false; error: OidcError };

/** The callback's answer as logged: claims and the IdP's error, never a token. */
export function responseLog(callback: URL, claims?: Record<string, unknown>, userinfo?: Record<string, unknown> | null): string {
  const params = Object.fromEntries([...callback.searchParams].filter(([k]) => k !== "code"));
  return JSON.stringify({ callback: params, ...(claims ? { id_token_claims: claims } : {}), ...(userinfo ? { userinfo } : {}) }, null, 2);
}

/** The open attempt a callback's `state` names, for the given connection column, or null when there is none. */
export async function issuedAttempt(db: DbOrTx, state: string | null, owner: { connectionId: string } | { oauthConnectionId: string }, now: Date) {
  if (!state) return null;
  const [issued] = await db
    .select()
    .from(ssoSessions)
    .where(
      and(
        eq(ssoSessions.requestId, state),
        "connectionId" in owner ? eq(ssoSessions.connectionId, owner.connectionId) : eq(ssoSessions.oauthConnectionId, owner.oauthConnectionId),
      ),
    );
  if (!issued?.oidcNonce || !issued.oidcCodeVerifier || !issued.requestExpiresAt || issued.requestExpiresAt <= now) return null;
  return issued as SsoSessionRow & { oidcNonce: string; oidcCodeVerifier: string; requestId: string };
}

export const stateUnknown: SignInOutcome = { kind: "page", status: 400, code: "state_unknown", explanation: oidcErrorExplanations.state_unknown };

/** The IdP's own error in the callback (`error`, `error_description`), or null. */
export function idpErrorOf(callbackUrl: URL): OidcError | null {
  const idpError = callbackUrl.searchParams.get("error");
  if (!idpError) return null;
  const description = callbackUrl.searchParams.get("error_description");
  const said = `the IdP said ${idpError}${description ? `: ${description}` : ""}`;
  return new OidcError(idpError === "access_denied" ? "access_denied" : "idp_error", said);
}

/** Code exchange and ID token checks; the decrypted PKCE verifier never leaves this call. */
export async function verifyCallback(settings: OidcIdpSettings, issued: { requestId: string; oidcNonce: string; oidcCodeVerifier: string }, callbackUrl: URL) {
  const policy = outboundPolicy();
  const config = await oidcConfiguration(settings, policy);
  return completeAuthorization(
    config,
    callbackUrl,
    { state: issued.requestId, nonce: issued.oidcNonce, codeVerifier: decryptSecret(issued.oidcCodeVerifier, VERIFIER_PURPOSE) },
    { settings, policy },
  );
}

/** Marks the attempt answered, once (a second answer is refused), with its log and verdict. */
export async function answerAttempt(
  tx: DbOrTx,
  sessionId: string,
  log: string,
  verdict: OidcVerdict,
  now: Date,
  extra: { organizationId?: string | null } = {},
): Promise<SsoSessionRow | null> {
  const [locked] = await tx.select().from(ssoSessions).where(eq(ssoSessions.id, sessionId)).for("update");
  if (!locked || locked.respondedAt) return null;
  const [updated] = await tx
    .update(ssoSessions)
    .set({
      respondedAt: now,
      responseXml: log,
      updatedAt: now,
      ...extra,
      ...(verdict.ok
        ? { state: "successful" as const, profile: verdict.profile as unknown as Record<string, unknown>, userEmail: verdict.profile.email }
        : { state: "failed" as const, errorCode: verdict.error.code, errorExplanation: verdict.error.explanation }),
    })
    .where(eq(ssoSessions.id, sessionId))
    .returning();
  return updated ?? null;
}

export const alreadyUsed: SignInOutcome = { kind: "page", status: 400, code: "request_already_used", explanation: oidcErrorExplanations.request_already_used };

export function signInVerdict(verdict: OidcVerdict): SignInVerdict {
  return verdict.ok
    ? { ok: true }
    : { ok: false, code: verdict.error.code, explanation: verdict.error.explanation, description: `${verdict.error.code}: ${verdict.error.explanation}` };
}

/** The verdict as the sign-in's event tells it. */
export function signInResult(verdict: OidcVerdict): SignInResult {
  return verdict.ok
    ? { ok: true, userId: verdict.profile.id, email: verdict.profile.email }
    : { ok: false, code: verdict.error.code, message: verdict.error.explanation };
}

/** The redirect URI's handler for an organization's connection: the attempt is found by `state` and answered once. */
export async function consumeConnectionOidcCallback(
  ctx: ServiceContext,
  input: { connectionId: string; callbackUrl: URL; now: Date; client?: SignInClient },
): Promise<SignInOutcome> {
  const { db } = ctx;
  const connection = await findConnection(db, null, input.connectionId);
  const issued = await issuedAttempt(db, input.callbackUrl.searchParams.get("state"), { connectionId: connection.id }, input.now);
  if (!issued) return stateUnknown;
  let verdict: OidcVerdict;
  let log = responseLog(input.callbackUrl);
  const idpError = idpErrorOf(input.callbackUrl);
  if (idpError) {
    verdict = { ok: false, error: idpError };
  } else if (connection.state !== "active" && issued.kind !== "test" && issued.kind !== "certificate_test") {
    verdict = { ok: false, error: new OidcError("connection_inactive") };
  } else {
    try {
      const result = await verifyCallback(oidcSettingsOf(connection), issued, input.callbackUrl);
      log = responseLog(input.callbackUrl, result.claims, result.userinfo);
      const profileId = derivedId("prof", connection.id, String(result.claims.sub));
      verdict = { ok: true, profile: profileFromClaims(result.claims, result.userinfo, connection, profileId) };
    } catch (error) {
      if (!(error instanceof OidcError)) throw error;
      verdict = { ok: false, error };
    }
  }
  return db.transaction(async (tx) => {
    const updated = await answerAttempt(tx, issued.id, log, verdict, input.now);
    if (!updated) return alreadyUsed;
    const attempt = { ...updated, organizationId: connection.organizationId, connectionId: connection.id };
    await recordSsoOutcome(tx, attempt, input.client ?? noClient, signInResult(verdict), input.now);
    return finishSignIn(tx, connection, updated, signInVerdict(verdict), input.now);
  });
}
