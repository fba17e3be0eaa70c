import type { OidcConnectionType } from "./types";

interface OidcProvider {
  connectionType: OidcConnectionType;
  label: string;
  /** Steps at the IdP; the redirect URI and the discovery URL's form are shown beside them. */
  steps: string[];
  /** What the discovery URL looks like at that IdP, as a hint. */
  discoveryHint: string;
}

export const oidcProviders: OidcProvider[] = [
  {
    connectionType: "OktaOIDC",
    label: "Okta (OIDC)",
    discoveryHint: "https://<your-okta-domain>/.well-known/openid-configuration",
    steps: [
      "In the Okta Admin Console, go to Applications → Applications → Create App Integration, choose OIDC - OpenID Connect and Web Application.",
      "Under Sign-in redirect URIs paste the redirect URI below; keep Authorization Code as the grant type.",
      "Assign the app to people or groups. On the General tab copy the Client ID and a Client secret.",
      "Enter your Okta domain's discovery URL, the client ID and the secret below.",
    ],
  },
  {
    connectionType: "EntraIdOIDC",
    label: "Microsoft Entra ID (OIDC)",
    discoveryHint: "https://login.microsoftonline.com/<tenant-id>/v2.0/.well-known/openid-configuration",
    steps: [
      "In the Entra admin center, go to App registrations → New registration; choose Web as the platform and paste the redirect URI below.",
      "Under Certificates & secrets create a client secret and note when it expires: sign-ins stop on that day until a new one is entered here.",
      "Under Token configuration add the optional claims email, given_name and family_name (and groups if the app uses them).",
      "Enter the tenant's discovery URL, the Application (client) ID and the secret below.",
    ],
  },
  {
    connectionType: "GoogleOIDC",
    label: "Google Workspace (OIDC)",
    discoveryHint: "https://accounts.google.com/.well-known/openid-configuration",
    steps: [
      "In the Google Cloud console, go to APIs & Services → Credentials → Create credentials → OAuth client ID, type Web application.",
      "Under Authorized redirect URIs paste the redirect URI below.",
      "On the OAuth consent screen choose Internal, so only your Workspace's users can sign in.",
      "Enter Google's discovery URL, the client ID and the client secret below.",
    ],
  },
  {
    connectionType: "GenericOIDC",
    label: "Any OpenID Connect provider",
    discoveryHint: "https://idp.example.com/.well-known/openid-configuration",
    steps: [
      "At your IdP, create an OpenID Connect web application (confidential client) using the authorization code flow.",
      "Register the redirect URI below, exactly.",
      "Allow the scopes openid, email and profile; make sure the email claim is released.",
      "Enter the discovery URL (or, if your IdP has none, its issuer, authorization, token and JWKS URLs), the client ID and the secret below.",
    ],
  },
];

export function oidcProviderFor(connectionType: string): OidcProvider | undefined {
  return oidcProviders.find((p) => p.connectionType === connectionType);
}
