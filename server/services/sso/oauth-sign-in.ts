import type { DbOrTx } from "@/db/client";
import type { OAuthConnectionRow } from "@/db/schema";
import { derivedId } from "@/server/ids";
import { OidcError } from "@/server/oidc/errors";
import { oauthProviderFor } from "@/server/oidc/oauth-providers";
import { profileFromClaims } from "@/server/oidc/profile";
import type { ServiceContext } from "@/server/services/context";
import { organizationOwningDomain } from "@/server/services/organizations/load";
import { noClient, recordOAuthOutcome, type SignInClient } from "./auth-events";
import { finishSignIn, type SignInOutcome } from "./complete";
import { isUsableOAuthConnection, oauthSettingsOf } from "./oauth-connections";
import {
  alreadyUsed,
  answerAttempt,
  idpErrorOf,
  issuedAttempt,
  responseLog,
  signInResult,
  signInVerdict,
  startOidcAttempt,
  stateUnknown,
  verifyCallback,
  type OidcBeginInput,
  type OidcVerdict,
} from "./oidc-sign-in";

/** `provider=GoogleOAuth|MicrosoftOAuth`: an OIDC sign-in with the environment's OAuth client, belonging to no organization yet. */
export function beginOAuthSignIn(db: DbOrTx, oauth: OAuthConnectionRow, input: Omit<OidcBeginInput, "connection">) {
  return startOidcAttempt(
    db,
    { settings: oauthSettingsOf(oauth), callbackId: oauth.id, organizationId: null, connectionId: null, oauthConnectionId: oauth.id },
    input,
  );
}

/**
 * The organization a profile belongs to: the one whose verified domain is the address's, and only when
 * the provider vouches for that domain (a Workspace account's `hd`, Microsoft's `xms_edov`). Otherwise
 * none: anyone can open a Google or Microsoft account under an address they do not own.
 */
async function organizationVouchedFor(db: DbOrTx, oauth: OAuthConnectionRow, claims: Record<string, unknown>, email: string): Promise<string | null> {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  if (!oauthProviderFor(oauth.provider)!.domainVouched(claims, domain)) return null;
  return organizationOwningDomain(db, domain);
}

/** The callback of an OAuth sign-in: as for an organization's OIDC connection, the attempt answered once. */
export async function consumeOAuthCallback(
  ctx: ServiceContext,
  oauth: OAuthConnectionRow,
  input: { callbackUrl: URL; now: Date; client?: SignInClient },
): Promise<SignInOutcome> {
  const { db } = ctx;
  const issued = await issuedAttempt(db, input.callbackUrl.searchParams.get("state"), { oauthConnectionId: oauth.id }, input.now);
  if (!issued) return stateUnknown;
  let verdict: OidcVerdict;
  let log = responseLog(input.callbackUrl);
  let organizationId: string | null = null;
  const idpError = idpErrorOf(input.callbackUrl);
  if (idpError) verdict = { ok: false, error: idpError };
  // Disabled by staff after the sign-in began: it ends here.
  else if (!isUsableOAuthConnection(oauth)) verdict = { ok: false, error: new OidcError("connection_inactive") };
  else {
    try {
      const result = await verifyCallback(oauthSettingsOf(oauth), issued, input.callbackUrl);
      log = responseLog(input.callbackUrl, result.claims, result.userinfo);
      const profileId = derivedId("prof", oauth.id, String(result.claims.sub));
      const unowned = profileFromClaims(
        result.claims,
        result.userinfo,
        { id: oauth.id, organizationId: null, connectionType: oauth.provider, attributeMapping: {} },
        profileId,
      );
      organizationId = await organizationVouchedFor(db, oauth, { ...(result.userinfo ?? {}), ...result.claims }, unowned.email);
      verdict = { ok: true, profile: organizationId ? { ...unowned, organization_id: organizationId } : unowned };
    } catch (error) {
      if (!(error instanceof OidcError)) throw error;
      verdict = { ok: false, error };
    }
  }
  return db.transaction(async (tx) => {
    const updated = await answerAttempt(tx, issued.id, log, verdict, input.now, { organizationId });
    if (!updated) return alreadyUsed;
    await recordOAuthOutcome(tx, updated, input.client ?? noClient, signInResult(verdict), input.now);
    return finishSignIn(tx, null, updated, signInVerdict(verdict), input.now);
  });
}
