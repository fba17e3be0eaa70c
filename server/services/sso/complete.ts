import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connections, ssoCodes, type ConnectionRow, type SsoSessionRow } from "@/db/schema";
import { newToken, sha256Hex } from "@/server/crypto/tokens";
import { recordEvent } from "@/server/services/events/record";
import { completePortalIntent } from "@/server/services/portal";
import { getRedirectSettings } from "@/server/services/settings/redirects";
import { connectionEventData } from "./connections";

const CODE_LIFETIME_MS = 10 * 60_000;

export type SignInOutcome<Code extends string = string> = { kind: "redirect"; url: string } | { kind: "page"; status: number; code: Code; explanation: string };

/** How an answered attempt ended, whatever the protocol: `description` is what the app is told. */
export type SignInVerdict = { ok: true } | { ok: false; code: string; explanation: string; description: string };

async function issueCode(tx: DbOrTx, session: SsoSessionRow, now: Date): Promise<string> {
  const code = newToken();
  await tx.insert(ssoCodes).values({
    codeHash: sha256Hex(code),
    organizationId: session.organizationId,
    sessionId: session.id,
    codeChallenge: session.codeChallenge,
    expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS),
    createdAt: now,
  });
  return code;
}

function withParams(base: string, params: Record<string, string | null | undefined>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
  return url.toString();
}

/** Where an answered attempt sends the browser: the portal's session page, the app with a code or an error. */
export async function finishSignIn(
  tx: DbOrTx,
  connection: ConnectionRow | null,
  session: SsoSessionRow,
  verdict: SignInVerdict,
  now: Date,
): Promise<SignInOutcome> {
  // A certificate renewal's test goes back to the renewal screens, which read which certificate verified it.
  if (session.kind === "certificate_test") return { kind: "redirect", url: `/portal/certificate_renewal?test=${session.id}` };
  if (session.kind === "test" && connection) {
    if (verdict.ok) {
      // The first successful test sign-in activates the connection and completes the `sso` intent.
      if (connection.state !== "active") {
        const [active] = await tx.update(connections).set({ state: "active", updatedAt: now }).where(eq(connections.id, connection.id)).returning();
        await recordEvent(tx, "connection.activated", await connectionEventData(tx, active!), connection.organizationId, now);
      }
      await completePortalIntent(tx, connection.organizationId, "sso", now);
    }
    return { kind: "redirect", url: `/portal/sso/sessions/${session.id}` };
  }
  if (session.kind === "sign_in" && session.redirectUri) {
    if (!verdict.ok)
      return {
        kind: "redirect",
        url: withParams(session.redirectUri, { error: "access_denied", error_description: verdict.description, state: session.clientState }),
      };
    return { kind: "redirect", url: withParams(session.redirectUri, { code: await issueCode(tx, session, now), state: session.clientState }) };
  }
  // IdP-initiated (when enabled): the code goes to the first configured SSO callback URL.
  const callback = (await getRedirectSettings(tx)).ssoCallbackUrls[0];
  if (verdict.ok && callback) return { kind: "redirect", url: withParams(callback, { code: await issueCode(tx, session, now) }) };
  if (verdict.ok)
    return {
      kind: "page",
      status: 400,
      code: "unsolicited_response",
      explanation: "IdP-initiated sign-in needs an SSO callback URL in the Redirects settings.",
    };
  return { kind: "page", status: 400, code: verdict.code, explanation: verdict.explanation };
}
