import type { OAuthProviderType } from "@/db/schema";
import { env } from "@/server/env";

export interface OAuthProvider {
  provider: OAuthProviderType;
  label: string;
  /** Where staff register Portico as an OAuth client, step by step; the redirect URI is shown beside them. */
  steps: string[];
  /** The provider's own discovery document; `discoveryOverride` names the setting that replaces it. */
  discoveryUrl: string;
  discoveryOverride: "PORTICO_GOOGLE_OAUTH_DISCOVERY_URL" | "PORTICO_MICROSOFT_OAUTH_DISCOVERY_URL";
  /**
   * Whether the address the provider vouches for may name an organization by its verified domain. Google
   * vouches only for a Workspace account's own domain (`hd`); Microsoft's `email` claim is whatever the
   * user's tenant stored (any tenant can write someone else's address) unless it marks the domain as
   * verified by its owner (`xms_edov`).
   */
  domainVouched: (claims: Record<string, unknown>, domain: string) => boolean;
}

const truthy = (value: unknown) => value === true || value === "true" || value === 1 || value === "1";

export const oauthProviders: OAuthProvider[] = [
  {
    provider: "GoogleOAuth",
    label: "Google",
    discoveryUrl: "https://accounts.google.com/.well-known/openid-configuration",
    discoveryOverride: "PORTICO_GOOGLE_OAUTH_DISCOVERY_URL",
    steps: [
      "In the Google Cloud console, go to APIs & Services → Credentials → Create credentials → OAuth client ID, type Web application.",
      "Under Authorized redirect URIs paste the redirect URI below.",
      "On the OAuth consent screen choose External, so any Google account can sign in, and allow the scopes openid, email and profile.",
      "Enter the client ID and the client secret below, then enable Google sign-in.",
    ],
    domainVouched: (claims, domain) => typeof claims.hd === "string" && claims.hd.toLowerCase() === domain && truthy(claims.email_verified),
  },
  {
    provider: "MicrosoftOAuth",
    label: "Microsoft",
    // The multi-tenant endpoint: work, school and personal accounts; each token's issuer names its tenant.
    discoveryUrl: "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
    discoveryOverride: "PORTICO_MICROSOFT_OAUTH_DISCOVERY_URL",
    steps: [
      "In the Microsoft Entra admin center, go to App registrations → New registration; under Supported account types choose accounts in any organizational directory and personal Microsoft accounts.",
      "Choose Web as the platform and paste the redirect URI below.",
      "Under Certificates & secrets create a client secret and note when it expires: sign-ins stop on that day until a new one is entered here.",
      "Under Token configuration add the optional claims email and xms_edov, then enter the Application (client) ID and the secret below and enable Microsoft sign-in.",
    ],
    domainVouched: (claims) => truthy(claims.xms_edov),
  },
];

export function oauthProviderFor(provider: string): OAuthProvider | undefined {
  return oauthProviders.find((p) => p.provider === provider);
}

/** The discovery document a provider's sign-ins read: its own, or the override for tests and air-gapped use. */
export function oauthDiscoveryUrl(provider: OAuthProvider): string {
  return env()[provider.discoveryOverride] ?? provider.discoveryUrl;
}
