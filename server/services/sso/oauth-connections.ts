import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { oauthConnections, oauthProviderTypes, type OAuthConnectionRow, type OAuthProviderType } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { env } from "@/server/env";
import { ValidationError } from "@/server/errors";
import { derivedId } from "@/server/ids";
import { checkOidcSettings, type OidcIdpSettings } from "@/server/oidc/client";
import { OidcError } from "@/server/oidc/errors";
import { oauthDiscoveryUrl, oauthProviderFor, oauthProviders, type OAuthProvider } from "@/server/oidc/oauth-providers";
import { requireRole, type ServiceContext } from "@/server/services/context";
import { parseInput } from "@/server/services/validate";
import { outboundPolicy } from "./oidc-policy";

/** Associated data bound to an encrypted OAuth client secret (server/crypto/secrets.ts). */
const OAUTH_SECRET_PURPOSE = "oauth-client-secret";

/** Fixed per provider, so staff can register the redirect URI before they have a client id to save. */
export const oauthConnectionId = (provider: OAuthProviderType) => derivedId("conn", "oauth-connection", provider);

export const oauthRedirectUri = (provider: OAuthProviderType) => `${env().publicUrl}/sso/oidc/${oauthConnectionId(provider)}/callback`;

/** What the dashboard shows of one provider; the secret only as its last four characters. */
export interface OAuthConnectionView {
  provider: OAuthProviderType;
  label: string;
  connectionId: string;
  redirectUri: string;
  steps: string[];
  clientId: string | null;
  clientSecretHint: string | null;
  enabled: boolean;
  updatedAt: string | null;
}

function view(provider: OAuthProvider, row: OAuthConnectionRow | undefined): OAuthConnectionView {
  return {
    provider: provider.provider,
    label: provider.label,
    connectionId: oauthConnectionId(provider.provider),
    redirectUri: oauthRedirectUri(provider.provider),
    steps: provider.steps,
    clientId: row?.clientId ?? null,
    clientSecretHint: row?.clientSecretHint ? `••••${row.clientSecretHint}` : null,
    enabled: row?.enabled ?? false,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

export async function listOAuthConnections(ctx: ServiceContext): Promise<OAuthConnectionView[]> {
  requireRole(ctx, "viewer");
  const rows = await ctx.db.select().from(oauthConnections);
  return oauthProviders.map((p) =>
    view(
      p,
      rows.find((r) => r.provider === p.provider),
    ),
  );
}

export const updateOAuthConnectionSchema = z.object({
  provider: z.enum(oauthProviderTypes),
  clientId: z.string().trim().min(1, "enter the client id").max(500).optional(),
  /** Given only to replace the stored secret; never read back. */
  clientSecret: z.string().trim().min(8, "enter the whole client secret").max(2000).optional(),
  enabled: z.boolean(),
});

/** The sign-in settings of a provider's OAuth client: the stored secret is decrypted only here. */
export function oauthSettingsOf(row: Pick<OAuthConnectionRow, "provider" | "clientId" | "clientSecret">): OidcIdpSettings {
  const provider = oauthProviderFor(row.provider)!;
  if (!row.clientId || !row.clientSecret) throw new OidcError("connection_not_configured");
  return {
    discoveryUrl: oauthDiscoveryUrl(provider),
    issuer: null,
    authorizationUrl: null,
    tokenUrl: null,
    jwksUrl: null,
    userinfoUrl: null,
    clientId: row.clientId,
    clientSecret: decryptSecret(row.clientSecret, OAUTH_SECRET_PURPOSE),
    clockSkewSeconds: 180,
  };
}

/**
 * Saves a provider's OAuth client (owners and admins). Enabling needs a client id and secret, and the
 * provider's discovery document is read at once, so an unreachable provider is named here, not at the
 * first sign-in. Disabling keeps the client for later.
 */
export async function updateOAuthConnection(ctx: ServiceContext, input: z.input<typeof updateOAuthConnectionSchema>): Promise<OAuthConnectionView> {
  requireRole(ctx, "admin");
  const parsed = parseInput(updateOAuthConnectionSchema, input);
  const provider = oauthProviderFor(parsed.provider)!;
  const [existing] = await ctx.db.select().from(oauthConnections).where(eq(oauthConnections.provider, parsed.provider));
  const clientId = parsed.clientId ?? existing?.clientId ?? null;
  const clientSecret = parsed.clientSecret ? encryptSecret(parsed.clientSecret, OAUTH_SECRET_PURPOSE) : (existing?.clientSecret ?? null);
  if (parsed.enabled) {
    const missing = [
      ...(clientId ? [] : [{ field: "clientId", code: "client_id_required", message: `enter the client id ${provider.label} gave for Portico` }]),
      ...(clientSecret
        ? []
        : [{ field: "clientSecret", code: "client_secret_required", message: `enter the client secret ${provider.label} gave for Portico` }]),
    ];
    if (missing.length) throw new ValidationError(missing);
    try {
      await checkOidcSettings(oauthSettingsOf({ provider: parsed.provider, clientId, clientSecret }), outboundPolicy());
    } catch (error) {
      if (!(error instanceof OidcError)) throw error;
      throw new ValidationError([
        { field: "enabled", code: "provider_unreachable", message: `${provider.label}'s discovery document could not be read: ${error.explanation}` },
      ]);
    }
  }
  const now = new Date();
  const values = {
    clientId,
    clientSecret,
    clientSecretHint: parsed.clientSecret ? parsed.clientSecret.slice(-4) : (existing?.clientSecretHint ?? null),
    enabled: parsed.enabled,
    updatedAt: now,
  };
  const [row] = await ctx.db
    .insert(oauthConnections)
    .values({ id: oauthConnectionId(parsed.provider), provider: parsed.provider, ...values, createdAt: now })
    .onConflictDoUpdate({ target: oauthConnections.provider, set: values })
    .returning();
  return view(provider, row);
}

/** Whether this OAuth connection may sign people in: configured and enabled. */
export function isUsableOAuthConnection(row: OAuthConnectionRow): boolean {
  return row.enabled && !!row.clientId && !!row.clientSecret;
}

/** The provider's OAuth connection when it may sign people in. */
export async function usableOAuthConnection(db: DbOrTx, provider: string): Promise<OAuthConnectionRow | null> {
  if (!oauthProviderFor(provider)) return null;
  const [row] = await db
    .select()
    .from(oauthConnections)
    .where(eq(oauthConnections.provider, provider as OAuthProviderType));
  return row && isUsableOAuthConnection(row) ? row : null;
}

export async function findOAuthConnection(db: DbOrTx, id: string): Promise<OAuthConnectionRow | null> {
  const [row] = await db.select().from(oauthConnections).where(eq(oauthConnections.id, id));
  return row ?? null;
}
