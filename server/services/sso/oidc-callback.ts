import type { ServiceContext } from "@/server/services/context";
import type { SignInClient } from "./auth-events";
import type { SignInOutcome } from "./complete";
import { findOAuthConnection } from "./oauth-connections";
import { consumeOAuthCallback } from "./oauth-sign-in";
import { consumeConnectionOidcCallback } from "./oidc-sign-in";

/** `/sso/oidc/<id>/callback`: the id names an organization's OIDC connection or the environment's OAuth connection. */
export async function consumeOidcCallback(
  ctx: ServiceContext,
  input: { connectionId: string; callbackUrl: URL; now: Date; client?: SignInClient },
): Promise<SignInOutcome> {
  const oauth = await findOAuthConnection(ctx.db, input.connectionId);
  return oauth ? consumeOAuthCallback(ctx, oauth, input) : consumeConnectionOidcCallback(ctx, input);
}
