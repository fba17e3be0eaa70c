import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { ssoSessions, type ConnectionRow, type SsoSessionRow } from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { env } from "@/server/env";
import { derivedId, newId } from "@/server/ids";
import {
  authorizationUrl,
  completeAuthorization,
  oidcConfiguration,
  randomCodeVerifier,
  randomNonce,
  randomState,
  type OidcIdpSettings,
} from "@/server/oidc/client";
import { OidcError, oidcErrorExplanations } from "@/server/oidc/errors";
import { profileFromClaims } from "@/server/oidc/profile";
import type { ProfileWire } from "@/server/saml/profile";
import { finishSignIn, type SignInOutcome, type SignInVerdict } from "./complete";
import { findConnection } from "./load";
import { OIDC_SECRET_PURPOSE, outboundPolicy } from "./oidc-policy";

const VERIFIER_PURPOSE = "oidc-code-verifier";

export function oidcRedirectUri(connectionId: string): string {
  // Kept in step with ConnectionView.oidc.redirectUri (load.ts), which the IT admin registers.
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

interface OidcBeginInput {
  connection: ConnectionRow;
  kind: "sign_in" | "test" | "certificate_test";
  redirectUri?: string | null;
  clientState?: string | null;
  codeChallenge?: string | null;
  loginHint?: string | null;
  prompt?: string | null;
  scopes?: string[];
  now: Date;
  requestExpiresAt: Date;
}

/**
 * Starts an OIDC sign-in: a fresh state (stored as the attempt's request id, so it is single-use),
 * nonce and PKCE verifier, and the IdP's authorization URL. The log keeps the request as sent.
 */
export async function beginOidcSignIn(db: DbOrTx, input: OidcBeginInput): Promise<{ sessionId: string; url: string }> {
  const { connection, now } = input;
  const settings = oidcSettingsOf(connection);
  const config = await oidcConfiguration(settings, outboundPolicy());
  const state = randomState();
  const nonce = randomNonce();
  const codeVerifier = randomCodeVerifier();
  const url = await authorizationUrl(config, {
    redirectUri: oidcRedirectUri(connection.id),
    state,
    nonce,
    codeVerifier,
    loginHint: input.loginHint,
    prompt: input.prompt,
    scopes: input.scopes,
  });
  const sessionId = newId("sso_session");
  await db.insert(ssoSessions).values({
    id: sessionId,
    organizationId: connection.organizationId,
    connectionId: connection.id,
    kind: input.kind,
    requestId: state,
    requestXml: JSON.stringify({ authorization_request: Object.fromEntries(new URL(url).searchParams) }, null, 2),
    requestExpiresAt: input.requestExpiresAt,
    redirectUri: input.redirectUri ?? null,
    clientState: input.clientState ?? null,
    codeChallenge: input.codeChallenge ?? null,
    oidcNonce: nonce,
    oidcCodeVerifier: encryptSecret(codeVerifier, VERIFIER_PURPOSE),
    createdAt: now,
    updatedAt: now,
  });
  return { sessionId, url };
}

type Verdict = { ok: true; profile: ProfileWire } | { ok: false; error: OidcError };

/** The callback's answer as logged: claims and the IdP's error, never a token. */
function responseLog(callback: URL, claims?: Record<string, unknown>, userinfo?: Record<string, unknown> | null): string {
  const params = Object.fromEntries([...callback.searchParams].filter(([k]) => k !== "code"));
  return JSON.stringify({ callback: params, ...(claims ? { id_token_claims: claims } : {}), ...(userinfo ? { userinfo } : {}) }, null, 2);
}

/** The redirect URI's handler: the attempt is found by `state` and answered once. */
export async function consumeOidcCallback(ctx: ServiceContext, input: { connectionId: string; callbackUrl: URL; now: Date }): Promise<SignInOutcome> {
  const { db } = ctx;
  const connection = await findConnection(db, null, input.connectionId);
  const state = input.callbackUrl.searchParams.get("state");
  const [issued] = state
    ? await db
        .select()
        .from(ssoSessions)
        .where(and(eq(ssoSessions.requestId, state), eq(ssoSessions.connectionId, connection.id)))
    : [];
  if (!issued?.oidcNonce || !issued.oidcCodeVerifier || !issued.requestExpiresAt || issued.requestExpiresAt <= input.now) {
    return { kind: "page", status: 400, code: "state_unknown", explanation: oidcErrorExplanations.state_unknown };
  }
  let verdict: Verdict;
  let log = responseLog(input.callbackUrl);
  const idpError = input.callbackUrl.searchParams.get("error");
  if (idpError) {
    const said = `the IdP said ${idpError}${input.callbackUrl.searchParams.get("error_description") ? `: ${input.callbackUrl.searchParams.get("error_description")}` : ""}`;
    verdict = { ok: false, error: new OidcError(idpError === "access_denied" ? "access_denied" : "idp_error", said) };
  } else if (connection.state !== "active" && issued.kind !== "test" && issued.kind !== "certificate_test") {
    verdict = { ok: false, error: new OidcError("connection_inactive") };
  } else {
    try {
      const config = await oidcConfiguration(oidcSettingsOf(connection), outboundPolicy());
      const result = await completeAuthorization(config, input.callbackUrl, {
        state: issued.requestId!,
        nonce: issued.oidcNonce,
        codeVerifier: decryptSecret(issued.oidcCodeVerifier, VERIFIER_PURPOSE),
      });
      log = responseLog(input.callbackUrl, result.claims, result.userinfo);
      const profileId = derivedId("prof", connection.id, String(result.claims.sub));
      verdict = { ok: true, profile: profileFromClaims(result.claims, result.userinfo, connection, profileId) };
    } catch (error) {
      if (!(error instanceof OidcError)) throw error;
      verdict = { ok: false, error };
    }
  }
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(ssoSessions).where(eq(ssoSessions.id, issued.id)).for("update");
    if (!locked || locked.respondedAt)
      return { kind: "page" as const, status: 400, code: "request_already_used", explanation: oidcErrorExplanations.request_already_used };
    const [updated] = await tx
      .update(ssoSessions)
      .set({
        respondedAt: input.now,
        responseXml: log,
        updatedAt: input.now,
        ...(verdict.ok
          ? { state: "successful" as const, profile: verdict.profile as unknown as Record<string, unknown>, userEmail: verdict.profile.email }
          : { state: "failed" as const, errorCode: verdict.error.code, errorExplanation: verdict.error.explanation }),
      })
      .where(eq(ssoSessions.id, issued.id))
      .returning();
    const outcome: SignInVerdict = verdict.ok
      ? { ok: true }
      : { ok: false, code: verdict.error.code, explanation: verdict.error.explanation, description: `${verdict.error.code}: ${verdict.error.explanation}` };
    return finishSignIn(tx, connection, updated as SsoSessionRow, outcome, input.now);
  });
}
