import { z } from "zod";
import { createHash, timingSafeEqual } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { ssoAccessTokens, ssoCodes, ssoSessions } from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import { newToken, sha256Hex } from "@/server/crypto/tokens";
import { DomainError } from "@/server/errors";
import type { ProfileWire } from "@/server/saml/profile";
import { authenticateApiKey } from "@/server/services/api-keys";
import { getClientId } from "@/server/services/settings/installation";

const ACCESS_TOKEN_LIFETIME_MS = 10 * 60_000;

/** OAuth 2.0 errors (RFC 6749 5.2): the SDK raises them as OauthException. */
export class OAuthError extends DomainError {
  constructor(
    readonly error: "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type",
    readonly description: string,
    readonly status = 400,
  ) {
    super(error, description);
  }
}

/** `POST /sso/token` parameters (RFC 6749 §4.1.3): each a string when sent. */
export const tokenRequestSchema = z.object({
  client_id: z.string().nullish(),
  client_secret: z.string().nullish(),
  grant_type: z.string().nullish().meta({ example: "authorization_code" }),
  code: z.string().nullish(),
  code_verifier: z.string().nullish(),
});
export type TokenRequest = { [K in keyof z.output<typeof tokenRequestSchema>]?: string };

/**
 * `POST /sso/token`: a one-time code (10 minutes) for the profile and an access token. The client
 * proves itself with an API key as client_secret, or, for a public client, with the PKCE verifier.
 */
export async function exchangeCode(ctx: ServiceContext, form: TokenRequest, now: Date): Promise<{ access_token: string; profile: ProfileWire }> {
  const { db } = ctx;
  if (form.grant_type !== "authorization_code") throw new OAuthError("unsupported_grant_type", "grant_type must be authorization_code.");
  if (!form.code) throw new OAuthError("invalid_request", "code is required.");
  if (form.client_id !== (await getClientId(db))) throw new OAuthError("invalid_client", "client_id is not this installation's client id.", 401);
  if (form.client_secret && !(await authenticateApiKey(db, form.client_secret)))
    throw new OAuthError("invalid_client", "client_secret is not a valid API key.", 401);
  if (!form.client_secret && !form.code_verifier) throw new OAuthError("invalid_client", "Give the API key as client_secret, or a PKCE code_verifier.", 401);
  return db.transaction(async (tx) => {
    // Spent in the same statement that reads it: two concurrent exchanges cannot both win.
    const [code] = await tx
      .update(ssoCodes)
      .set({ usedAt: now })
      .where(and(eq(ssoCodes.codeHash, sha256Hex(form.code!)), isNull(ssoCodes.usedAt), gt(ssoCodes.expiresAt, now)))
      .returning();
    if (!code) throw new OAuthError("invalid_grant", "The code is invalid, expired or already used.");
    if (code.codeChallenge) {
      const verifier = form.code_verifier ?? "";
      const computed = createHash("sha256").update(verifier).digest("base64url");
      const a = Buffer.from(computed);
      const b = Buffer.from(code.codeChallenge);
      if (!verifier || a.length !== b.length || !timingSafeEqual(a, b)) {
        throw new OAuthError("invalid_grant", "code_verifier does not match the code_challenge.");
      }
    } else if (!form.client_secret) {
      throw new OAuthError("invalid_client", "This code was issued without PKCE: give the API key as client_secret.", 401);
    }
    const [session] = await tx.select().from(ssoSessions).where(eq(ssoSessions.id, code.sessionId));
    if (!session?.profile) throw new OAuthError("invalid_grant", "The code is invalid, expired or already used.");
    const accessToken = newToken();
    await tx.insert(ssoAccessTokens).values({
      tokenHash: sha256Hex(accessToken),
      organizationId: code.organizationId,
      sessionId: session.id,
      expiresAt: new Date(now.getTime() + ACCESS_TOKEN_LIFETIME_MS),
      createdAt: now,
    });
    return { access_token: accessToken, profile: session.profile as unknown as ProfileWire };
  });
}

/** `GET /sso/profile` with the access token `POST /sso/token` returned. */
export async function profileForAccessToken(ctx: ServiceContext, token: string, now: Date): Promise<ProfileWire | null> {
  const { db } = ctx;
  const [row] = await db
    .select({ profile: ssoSessions.profile })
    .from(ssoAccessTokens)
    .innerJoin(ssoSessions, eq(ssoSessions.id, ssoAccessTokens.sessionId))
    .where(and(eq(ssoAccessTokens.tokenHash, sha256Hex(token)), gt(ssoAccessTokens.expiresAt, now)));
  return (row?.profile as unknown as ProfileWire | undefined) ?? null;
}
