import { and, eq, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { idpCertificates, samlReplayCache, ssoSessions, type ConnectionRow, type SsoSessionRow } from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import { derivedId, newId } from "@/server/ids";
import { SamlError, samlErrorExplanations, type SamlErrorCode } from "@/server/saml/errors";
import { mappedAttributeWarnings, profileFromAssertion, type ProfileWire } from "@/server/saml/profile";
import { peekInResponseTo, validateSamlResponse, type InResponseToExpectation, type ValidatedAssertion } from "@/server/saml/validate";
import { limitAcsClient, limitUnsolicitedResponses, storedResponse, trimFailedUnsolicitedAttempts } from "./attempt-log";
import { noClient, recordSsoOutcome, type SignInClient } from "./auth-events";
import { finishSignIn, type SignInVerdict } from "./complete";
import { metrics } from "@/server/observability/metrics";
import { noteRequestActor } from "@/server/observability/runtime";
import { certificatesOf, findConnection } from "./load";
import { spIdentity } from "./sp-key";
import { refreshAfterUnknownKey } from "./metadata-refresh";
import { certificateFingerprint } from "@/server/saml/signature";

type AcsOutcome = { kind: "redirect"; url: string } | { kind: "page"; status: number; code: SamlErrorCode; explanation: string };

type Verdict = { ok: true; assertion: ValidatedAssertion; profile: ProfileWire } | { ok: false; code: SamlErrorCode; explanation: string };

/** The validation the ACS runs, shared with `saml-validate` in the CLI. */
export async function samlConfigFor(db: DbOrTx, connection: ConnectionRow) {
  const [sp, certificates] = await Promise.all([spIdentity(db, connection), certificatesOf(db, connection)]);
  return {
    spEntityId: sp.entityId,
    acsUrl: sp.acsUrl,
    idpEntityId: connection.idpEntityId ?? "",
    idpCertificates: certificates.map((c) => c.pem),
    spPrivateKey: sp.privateKey,
    spOtherPrivateKeys: sp.otherPrivateKeys,
    allowSha1: connection.allowSha1,
    allowUnsignedAssertion: connection.allowUnsignedAssertion,
    allowRsa15: connection.allowRsa15,
    clockSkewSeconds: connection.clockSkewSeconds,
  };
}

const UNKNOWN_KEY_CODES = new Set<SamlErrorCode>(["untrusted_certificate", "signature_invalid"]);

function isTestKind(kind: SsoSessionRow["kind"]): boolean {
  return kind === "test" || kind === "certificate_test";
}

/** A Test sign-in proved these certificates work: what lets an IT admin retire the old one. */
async function markCertificatesVerified(tx: DbOrTx, connection: ConnectionRow, fingerprints: string[], now: Date): Promise<void> {
  if (fingerprints.length === 0) return;
  await tx
    .update(idpCertificates)
    .set({ verifiedAt: now })
    .where(
      and(
        eq(idpCertificates.organizationId, connection.organizationId),
        eq(idpCertificates.connectionId, connection.id),
        inArray(idpCertificates.fingerprintSha256, fingerprints),
      ),
    );
}

function fail(code: SamlErrorCode, detail?: string): Verdict {
  const error = new SamlError(code, detail);
  return { ok: false, code, explanation: error.explanation };
}

/**
 * The Assertion Consumer Service. Authenticated by the response's signature alone (the connection id
 * in the path only picks the configuration). Every attempt ends up in the session log.
 */
export async function consumeSamlResponse(
  ctx: ServiceContext,
  input: { connectionId: string; samlResponse: string; now: Date; clientAddress: string; client?: SignInClient },
): Promise<AcsOutcome> {
  const { db } = ctx;
  await limitAcsClient(db, input.clientAddress, input.now);
  const connection = await findConnection(db, null, input.connectionId);
  const answered = peekInResponseTo(input.samlResponse);
  const [issued] = answered
    ? await db
        .select()
        .from(ssoSessions)
        .where(and(eq(ssoSessions.requestId, answered), eq(ssoSessions.connectionId, connection.id)))
    : [];
  const live = issued?.requestExpiresAt && issued.requestExpiresAt.getTime() > input.now.getTime();
  if (!live) await limitUnsolicitedResponses(db, connection.id, input.now);
  const expectation: InResponseToExpectation = live
    ? { kind: "request", id: answered! }
    : answered
      ? { kind: "unknown" }
      : { kind: "unsolicited", allowed: connection.allowIdpInitiated };
  const validate = async () =>
    validateSamlResponse({ samlResponse: input.samlResponse, config: await samlConfigFor(db, connection), inResponseTo: expectation, now: input.now });
  let result = connection.idpEntityId ? await validate() : { ...fail("connection_not_configured"), xml: null };
  // Signed by a key the connection does not know: the IdP may have rotated. Its metadata URL is fetched
  // at once, and the same response checked again if that brought a new certificate.
  if (!result.ok && UNKNOWN_KEY_CODES.has(result.code) && (await refreshAfterUnknownKey(db, connection, input.now))) result = await validate();
  const stored = storedResponse(result.xml);
  // Kept even when a later step refuses the sign-in: an expiring IdP certificate is worth knowing either way.
  const warnings = result.ok ? [...result.assertion.warnings, ...mappedAttributeWarnings(result.assertion.attributes, connection.attributeMapping)] : [];
  let verdict: Verdict = result.ok ? mapProfile(result.assertion, connection) : { ok: false, code: result.code, explanation: result.explanation };
  // A draft or switched-off connection signs nobody in; only its Test sign-in runs.
  if (verdict.ok && connection.state !== "active" && !(live && isTestKind(issued.kind))) verdict = fail("connection_inactive");

  noteRequestActor("saml_idp", connection.organizationId);
  const outcome = await db.transaction(async (tx) => {
    let session = live ? issued : undefined;
    let answeredBefore: SsoSessionRow | undefined;
    if (session) {
      const [locked] = await tx.select().from(ssoSessions).where(eq(ssoSessions.id, session.id)).for("update");
      if (locked?.respondedAt) {
        if (verdict.ok) verdict = fail("request_already_used");
        answeredBefore = locked;
        session = undefined;
      } else session = locked;
    }
    if (verdict.ok && !(await claimAssertion(tx, connection.organizationId, verdict.assertion, input.now))) verdict = fail("replayed_assertion");
    const unsolicited = !session;
    if (!session) session = await newAttempt(tx, connection, input.now, answeredBefore);
    const [updated] = await tx
      .update(ssoSessions)
      .set({
        respondedAt: input.now,
        ...stored,
        warnings,
        verifiedBy: result.ok ? result.assertion.verifiedBy.map(certificateFingerprint) : [],
        updatedAt: input.now,
        ...(verdict.ok
          ? { state: "successful" as const, profile: verdict.profile as unknown as Record<string, unknown>, userEmail: verdict.profile.email }
          : { state: "failed" as const, errorCode: verdict.code, errorExplanation: verdict.explanation }),
      })
      .where(eq(ssoSessions.id, session.id))
      .returning();
    if (unsolicited && !verdict.ok) await trimFailedUnsolicitedAttempts(tx, connection);
    const outcome = verdict.ok
      ? { ok: true as const, userId: verdict.profile.id, email: verdict.profile.email }
      : { ok: false as const, code: verdict.code, message: verdict.explanation };
    await recordSsoOutcome(
      tx,
      { ...updated!, organizationId: connection.organizationId, connectionId: connection.id },
      input.client ?? noClient,
      outcome,
      input.now,
    );
    if (verdict.ok && isTestKind(updated!.kind)) await markCertificatesVerified(tx, connection, updated!.verifiedBy, input.now);
    return finish(tx, connection, updated!, verdict, input.now);
  });
  const final: Verdict = verdict;
  metrics().ssoSignIns.inc({ outcome: final.ok ? "succeeded" : "failed", error_code: final.ok ? "" : final.code });
  return outcome;
}

function mapProfile(assertion: ValidatedAssertion, connection: ConnectionRow): Verdict {
  try {
    // Stable per user and connection, so an app can key its users by the profile id.
    const profileId = derivedId("prof", connection.id, assertion.nameId);
    return { ok: true, assertion, profile: profileFromAssertion(assertion, connection, profileId) };
  } catch (error) {
    if (error instanceof SamlError) return fail(error.code, error.detail);
    throw error;
  }
}

/** Check 8: each assertion ID once, remembered in Postgres until its validity (plus skew) has passed. */
async function claimAssertion(tx: DbOrTx, organizationId: string, assertion: ValidatedAssertion, now: Date): Promise<boolean> {
  await tx.delete(samlReplayCache).where(and(eq(samlReplayCache.organizationId, organizationId), lt(samlReplayCache.expiresAt, now)));
  const inserted = await tx
    .insert(samlReplayCache)
    .values({ organizationId, assertionId: assertion.assertionId, expiresAt: assertion.replayExpiresAt, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: samlReplayCache.assertionId });
  return inserted.length === 1;
}

/** A log row for an answer that has no open request of its own; a repeat answer keeps its request's kind. */
async function newAttempt(tx: DbOrTx, connection: ConnectionRow, now: Date, repeatOf?: SsoSessionRow): Promise<SsoSessionRow> {
  const [row] = await tx
    .insert(ssoSessions)
    .values({
      id: newId("sso_session"),
      organizationId: connection.organizationId,
      connectionId: connection.id,
      kind: repeatOf?.kind ?? "idp_initiated",
      redirectUri: repeatOf?.redirectUri ?? null,
      clientState: repeatOf?.clientState ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

function finish(tx: DbOrTx, connection: ConnectionRow, session: SsoSessionRow, verdict: Verdict, now: Date): Promise<AcsOutcome> {
  const outcome: SignInVerdict = verdict.ok
    ? { ok: true }
    : { ok: false, code: verdict.code, explanation: verdict.explanation, description: `${verdict.code}: ${samlErrorExplanations[verdict.code]}` };
  return finishSignIn(tx, connection, session, outcome, now) as Promise<AcsOutcome>;
}
