import { and, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { ssoSessions, type SsoSessionRow } from "@/db/schema";
import type { JobOutcome } from "@/server/jobs/runner";
import { recordEvent } from "@/server/services/events/record";
import { enqueueJob } from "@/server/services/jobs/queue";
import type { SsoAuthenticationData } from "@/server/wire/events";

/** Who is signing in, as far as Portico can tell from the browser's request. */
export interface SignInClient {
  ipAddress: string | null;
  userAgent: string | null;
}

export const noClient: SignInClient = { ipAddress: null, userAgent: null };

export const SSO_TIMEOUT_JOB = "sso.timeout_check";

/** An attempt at an organization's connection: the only kind `authentication.sso_*` describes (OAuth sign-ins have neither). */
type ConnectionAttempt = Pick<SsoSessionRow, "id"> & { organizationId: string; connectionId: string };

function base(session: ConnectionAttempt, client: SignInClient) {
  return {
    type: "sso" as const,
    ip_address: client.ipAddress,
    user_agent: client.userAgent,
    sso: { organization_id: session.organizationId, connection_id: session.connectionId, session_id: session.id },
  };
}

/** `authentication.sso_started`, and a check at the request's expiry that emits `sso_timed_out` if no answer came. */
export async function recordSsoStarted(tx: DbOrTx, session: ConnectionAttempt, client: SignInClient, expiresAt: Date, now: Date) {
  const data: SsoAuthenticationData & { status: "started" } = { ...base(session, client), status: "started", user_id: null, email: null };
  await recordEvent(tx, "authentication.sso_started", data, session.organizationId, now);
  await enqueueJob(tx, { kind: SSO_TIMEOUT_JOB, payload: { sessionId: session.id }, runAt: expiresAt, dedupeKey: `sso-timeout:${session.id}` });
}

/** How an answered sign-in ended, as its event tells it: the profile's id and email, or the error. */
export type SignInResult = { ok: true; userId: string; email: string | null } | { ok: false; code: string; message: string };

export async function recordSsoOutcome(tx: DbOrTx, session: SsoSessionRow & ConnectionAttempt, client: SignInClient, outcome: SignInResult, now: Date) {
  if (outcome.ok) {
    await recordEvent(
      tx,
      "authentication.sso_succeeded",
      { ...base(session, client), status: "succeeded", user_id: outcome.userId, email: outcome.email },
      session.organizationId,
      now,
    );
  } else {
    const data = {
      ...base(session, client),
      status: "failed" as const,
      user_id: null,
      email: session.userEmail ?? null,
      error: { code: outcome.code, message: outcome.message },
    };
    await recordEvent(tx, "authentication.sso_failed", data, session.organizationId, now);
  }
}

/**
 * `authentication.oauth_succeeded|failed` for a `provider=GoogleOAuth|MicrosoftOAuth` sign-in (the SDK
 * types no `oauth_started`). Listed under the organization the profile names, or none: the event log is
 * environment-wide, as WorkOS's is.
 */
export async function recordOAuthOutcome(
  tx: DbOrTx,
  session: Pick<SsoSessionRow, "organizationId" | "userEmail">,
  client: SignInClient,
  outcome: SignInResult,
  now: Date,
) {
  const base = { type: "oauth" as const, ip_address: client.ipAddress, user_agent: client.userAgent };
  if (outcome.ok) {
    const data = { ...base, status: "succeeded" as const, user_id: outcome.userId, email: outcome.email };
    await recordEvent(tx, "authentication.oauth_succeeded", data, session.organizationId, now);
  } else {
    const data = {
      ...base,
      status: "failed" as const,
      user_id: null,
      email: session.userEmail ?? null,
      error: { code: outcome.code, message: outcome.message },
    };
    await recordEvent(tx, "authentication.oauth_failed", data, session.organizationId, now);
  }
}

/** The job: an AuthnRequest that expired unanswered is a timed-out sign-in. */
export async function checkSsoTimeout(db: Db, payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  const id = String(payload.sessionId ?? "");
  await db.transaction(async (tx) => {
    const [session] = await tx
      .select()
      .from(ssoSessions)
      .where(and(eq(ssoSessions.id, id), isNull(ssoSessions.respondedAt)))
      .for("update");
    if (!session?.organizationId || !session.connectionId) return;
    const attempt = { id: session.id, organizationId: session.organizationId, connectionId: session.connectionId };
    await recordEvent(
      tx,
      "authentication.sso_timed_out",
      { ...base(attempt, noClient), status: "timed_out", user_id: null, email: null },
      session.organizationId,
      now,
    );
  });
  return { done: true };
}
