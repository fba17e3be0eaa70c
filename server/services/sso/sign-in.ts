import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connections, ssoSessions, type ConnectionRow } from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import { DomainError, NotFoundError } from "@/server/errors";
import { newId } from "@/server/ids";
import { authnRequestXml, newRequestId, postBinding, redirectBinding, type OutgoingRequest } from "@/server/saml/authn-request";
import { noClient, recordSsoStarted, type SignInClient } from "./auth-events";
import { OidcError } from "@/server/oidc/errors";
import { isOidcConnectionType } from "@/server/oidc/types";
import { beginOidcSignIn } from "./oidc-sign-in";
import { spIdentity } from "./sp-key";

/** How long an issued AuthnRequest may be answered: long enough for MFA at the IdP, short for replay. */
export const REQUEST_LIFETIME_MS = 15 * 60_000;

export class ConnectionNotReadyError extends DomainError {}

interface BeginSignInInput {
  connection: ConnectionRow;
  kind: "sign_in" | "test" | "certificate_test";
  redirectUri?: string | null;
  clientState?: string | null;
  codeChallenge?: string | null;
  client?: SignInClient;
  /** Passed to the IdP: OIDC `login_hint`, `prompt` and extra scopes; SAML Subject NameID and `ForceAuthn` (prompt=login). */
  loginHint?: string | null;
  prompt?: string | null;
  scopes?: string[];
  now: Date;
}

/**
 * Starts an SP-initiated sign-in: records the attempt with the AuthnRequest ID Portico issues, and
 * returns the signed request for the IdP's binding (HTTP-Redirect, or HTTP-POST when that is all it takes).
 */
export async function beginSignIn(db: DbOrTx, input: BeginSignInInput): Promise<{ sessionId: string; request: OutgoingRequest }> {
  const { connection, now } = input;
  if (isOidcConnectionType(connection.connectionType)) {
    if (input.kind === "sign_in" && connection.state !== "active") throw new ConnectionNotReadyError("connection_inactive", "This connection is not active.");
    try {
      const { sessionId, url } = await beginOidcSignIn(db, { ...input, requestExpiresAt: new Date(now.getTime() + REQUEST_LIFETIME_MS) });
      return { sessionId, request: { binding: "redirect", url } };
    } catch (error) {
      if (error instanceof OidcError) throw new ConnectionNotReadyError(error.code, error.explanation);
      throw error;
    }
  }
  if (!connection.idpSsoUrl || !connection.idpEntityId) {
    throw new ConnectionNotReadyError("connection_not_configured", "This connection has no IdP configuration yet.");
  }
  if (input.kind === "sign_in" && connection.state !== "active") {
    throw new ConnectionNotReadyError("connection_inactive", "This connection is not active: finish its setup with a successful test sign-in first.");
  }
  const sp = await spIdentity(db, connection);
  const requestId = newRequestId();
  const xml = authnRequestXml({
    id: requestId,
    issueInstant: now,
    sp,
    destination: connection.idpSsoUrl,
    loginHint: input.loginHint,
    forceAuthn: input.prompt === "login",
  });
  const sessionId = newId("sso_session");
  const requestExpiresAt = new Date(now.getTime() + REQUEST_LIFETIME_MS);
  await db.transaction(async (tx) => {
    await tx.insert(ssoSessions).values({
      id: sessionId,
      organizationId: connection.organizationId,
      connectionId: connection.id,
      kind: input.kind,
      requestId,
      requestXml: xml,
      requestExpiresAt,
      redirectUri: input.redirectUri ?? null,
      clientState: input.clientState ?? null,
      codeChallenge: input.codeChallenge ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await recordSsoStarted(
      tx,
      { id: sessionId, organizationId: connection.organizationId, connectionId: connection.id },
      input.client ?? noClient,
      requestExpiresAt,
      now,
    );
  });
  // RelayState carries the attempt's id: not a secret, InResponseTo is what binds the answer.
  const request =
    connection.idpSsoBinding === "post"
      ? postBinding(xml, connection.idpSsoUrl, sessionId, sp)
      : redirectBinding(xml, connection.idpSsoUrl, sessionId, sp.privateKey);
  return { sessionId, request };
}

/**
 * The signed AuthnRequest of an attempt that is still open, again: the portal opens Test sign-in in a
 * new tab through this, so an HTTP-POST IdP gets its auto-posting page from Portico's own origin.
 */
export async function outgoingRequestFor(ctx: ServiceContext, input: { connectionId: string; sessionId: string; now: Date }): Promise<OutgoingRequest> {
  const { db } = ctx;
  const [session] = await db
    .select()
    .from(ssoSessions)
    .where(
      and(
        eq(ssoSessions.id, input.sessionId),
        eq(ssoSessions.connectionId, input.connectionId),
        isNull(ssoSessions.respondedAt),
        gt(ssoSessions.requestExpiresAt, input.now),
      ),
    );
  if (!session?.requestXml || !session.organizationId || !session.connectionId) throw new NotFoundError("open sign-in attempt", input.sessionId);
  const [connection] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.organizationId, session.organizationId), eq(connections.id, session.connectionId)));
  if (!connection?.idpSsoUrl) throw new NotFoundError("connection", input.connectionId);
  const sp = await spIdentity(db, connection);
  return connection.idpSsoBinding === "post"
    ? postBinding(session.requestXml, connection.idpSsoUrl, session.id, sp)
    : redirectBinding(session.requestXml, connection.idpSsoUrl, session.id, sp.privateKey);
}
