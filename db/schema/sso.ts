import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, lifecycleDates, tenantColumn } from "./columns";
import { organizations } from "./organizations";

export const connectionStates = ["draft", "active", "inactive"] as const;
export type ConnectionState = (typeof connectionStates)[number];

/** Which IdP attributes become which profile fields. Empty means "use the provider's default". */
export interface AttributeMapping {
  email?: string;
  firstName?: string;
  lastName?: string;
  groups?: string;
}

/**
 * An SSO connection: one organization's identity provider. The SP side (entity ID, ACS URL, key pair)
 * derives from the connection id and the installation's key; the IdP side is what the IT admin gave.
 */
export const connections = pgTable(
  "connections",
  {
    id: text("id").primaryKey(),
    organizationId: tenantColumn(() => organizations.id),
    name: text("name").notNull(),
    /** WorkOS `connection_type` (OktaSAML, AzureSAML, GenericSAML, ...). */
    connectionType: text("connection_type").notNull(),
    state: text("state", { enum: connectionStates }).notNull().default("draft"),
    idpEntityId: text("idp_entity_id"),
    idpSsoUrl: text("idp_sso_url"),
    /** The binding the IdP asks AuthnRequests on: HTTP-Redirect unless its metadata offers only POST. */
    idpSsoBinding: text("idp_sso_binding", { enum: ["redirect", "post"] })
      .notNull()
      .default("redirect"),
    metadataSource: text("metadata_source", { enum: ["url", "xml", "manual"] }),
    metadataUrl: text("metadata_url"),
    metadataXml: text("metadata_xml"),
    attributeMapping: jsonb("attribute_mapping").$type<AttributeMapping>().notNull().default({}),
    allowIdpInitiated: boolean("allow_idp_initiated").notNull().default(false),
    allowSha1: boolean("allow_sha1").notNull().default(false),
    allowUnsignedAssertion: boolean("allow_unsigned_assertion").notNull().default(false),
    allowRsa15: boolean("allow_rsa15").notNull().default(false),
    clockSkewSeconds: integer("clock_skew_seconds").notNull().default(180),
    /** OIDC: the discovery document's URL, or (for an IdP without discovery) the endpoints by hand. */
    oidcDiscoveryUrl: text("oidc_discovery_url"),
    oidcIssuer: text("oidc_issuer"),
    oidcAuthorizationUrl: text("oidc_authorization_url"),
    oidcTokenUrl: text("oidc_token_url"),
    oidcJwksUrl: text("oidc_jwks_url"),
    oidcUserinfoUrl: text("oidc_userinfo_url"),
    oidcClientId: text("oidc_client_id"),
    /** AES-256-GCM under ENCRYPTION_KEY (server/crypto/secrets.ts); never shown again once given. */
    oidcClientSecret: text("oidc_client_secret"),
    /** A metadata URL's last fetch (daily, and at once when a response is signed by an unknown key). */
    metadataFetchedAt: timestamp("metadata_fetched_at", { withTimezone: true, mode: "date" }),
    /** Why the last fetch failed; null once one succeeds. */
    metadataError: text("metadata_error"),
    /** The last fetch an unknown key caused: an anonymous ACS post may cause one fetch per connection per few minutes. */
    metadataUnknownKeyFetchAt: timestamp("metadata_unknown_key_fetch_at", { withTimezone: true, mode: "date" }),
    /**
     * Set only for a connection imported with its former SP identity (Ory Polis answered at one ACS URL with
     * one audience for every connection): the IdP keeps posting there, so Portico signs in with those values.
     */
    spEntityIdOverride: text("sp_entity_id_override"),
    acsUrlOverride: text("acs_url_override"),
    ...lifecycleDates,
  },
  (t) => [
    index("connections_organization_id_idx").on(t.organizationId, t.id),
    // The shared ACS of imported connections finds an IdP-initiated response's connection by its issuer.
    index("connections_acs_url_override_idp_entity_id_idx").on(t.acsUrlOverride, t.idpEntityId).where(sql`${t.acsUrlOverride} is not null`),
  ],
);
export type ConnectionRow = typeof connections.$inferSelect;

/** The IdP's signing certificates; several at once while the IdP rotates. */
export const idpCertificates = pgTable(
  "idp_certificates",
  {
    id: text("id").primaryKey(),
    organizationId: tenantColumn(() => organizations.id),
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    pem: text("pem").notNull(),
    fingerprintSha256: text("fingerprint_sha256").notNull(),
    subject: text("subject").notNull(),
    notBefore: timestamp("not_before", { withTimezone: true, mode: "date" }).notNull(),
    notAfter: timestamp("not_after", { withTimezone: true, mode: "date" }).notNull(),
    /** When a Test sign-in's response last verified with this certificate: the proof a new one works. */
    verifiedAt: timestamp("verified_at", { withTimezone: true, mode: "date" }),
    createdAt,
  },
  (t) => [uniqueIndex("idp_certificates_organization_id_connection_id_fingerprint_idx").on(t.organizationId, t.connectionId, t.fingerprintSha256)],
);
export type IdpCertificateRow = typeof idpCertificates.$inferSelect;

/** As `server/saml/validate.ts` reports them: a stable code and what to do about it. */
export interface SamlWarningRecord {
  code: string;
  explanation: string;
}

export const oauthProviderTypes = ["GoogleOAuth", "MicrosoftOAuth"] as const;
export type OAuthProviderType = (typeof oauthProviderTypes)[number];

/**
 * An environment-wide OAuth connection (`provider=GoogleOAuth|MicrosoftOAuth` at `/sso/authorize`): the
 * OAuth client staff registered at Google or Microsoft. It belongs to no organization; a sign-in's profile
 * names one only when a verified organization domain claims the user's address.
 */
export const oauthConnections = pgTable("oauth_connections", {
  /** The profile's `connection_id`, fixed per provider so the redirect URI can be registered before saving. */
  id: text("id").primaryKey(),
  provider: text("provider", { enum: oauthProviderTypes }).notNull().unique("oauth_connections_provider_idx"),
  clientId: text("client_id"),
  /** AES-256-GCM under ENCRYPTION_KEY (server/crypto/secrets.ts); never shown again once given. */
  clientSecret: text("client_secret"),
  /** The secret's last four characters, so staff can tell which one is stored. */
  clientSecretHint: text("client_secret_hint"),
  enabled: boolean("enabled").notNull().default(false),
  ...lifecycleDates,
});
export type OAuthConnectionRow = typeof oauthConnections.$inferSelect;

export const ssoSessionStates = ["started", "successful", "failed"] as const;
export type SsoSessionState = (typeof ssoSessionStates)[number];

/**
 * One sign-in attempt. Its `requestId` is the AuthnRequest ID Portico issued: a response may answer
 * only an issued, unanswered request (consumed once through `respondedAt`).
 */
export const ssoSessions = pgTable(
  "sso_sessions",
  {
    id: text("id").primaryKey(),
    /** Null for an OAuth sign-in (Google, Microsoft) whose user no organization's verified domain claims. */
    organizationId: text("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    /** An organization's connection, or (OAuth sign-ins) the environment's OAuth connection: exactly one. */
    connectionId: text("connection_id").references(() => connections.id, { onDelete: "cascade" }),
    oauthConnectionId: text("oauth_connection_id").references(() => oauthConnections.id, { onDelete: "cascade" }),
    /** `certificate_test`: a Test sign-in of the certificate renewal screens (it returns there). */
    kind: text("kind", { enum: ["sign_in", "test", "certificate_test", "idp_initiated"] }).notNull(),
    state: text("state", { enum: ssoSessionStates }).notNull().default("started"),
    requestId: text("request_id"),
    requestXml: text("request_xml"),
    requestExpiresAt: timestamp("request_expires_at", { withTimezone: true, mode: "date" }),
    respondedAt: timestamp("responded_at", { withTimezone: true, mode: "date" }),
    redirectUri: text("redirect_uri"),
    clientState: text("client_state"),
    codeChallenge: text("code_challenge"),
    /** OIDC: the nonce sent to the IdP and the PKCE verifier (encrypted); `requestId` is the OAuth state. */
    oidcNonce: text("oidc_nonce"),
    oidcCodeVerifier: text("oidc_code_verifier"),
    /** The decoded response, cut to its first 64 KiB (an anonymous POST must not store a megabyte). */
    responseXml: text("response_xml"),
    responseTruncated: boolean("response_truncated").notNull().default(false),
    profile: jsonb("profile").$type<Record<string, unknown>>(),
    userEmail: text("user_email"),
    errorCode: text("error_code"),
    errorExplanation: text("error_explanation"),
    /** Problems worth fixing that did not refuse the response (such as an expired signing certificate). */
    warnings: jsonb("warnings").$type<SamlWarningRecord[]>().notNull().default([]),
    /** SHA-256 fingerprints of the configured certificates that verified the response's signatures. */
    verifiedBy: jsonb("verified_by").$type<string[]>().notNull().default([]),
    ...lifecycleDates,
  },
  (t) => [
    index("sso_sessions_organization_id_connection_id_created_at_idx").on(t.organizationId, t.connectionId, t.createdAt),
    uniqueIndex("sso_sessions_request_id_idx").on(t.requestId),
    index("sso_sessions_created_at_idx").on(t.createdAt),
    index("sso_sessions_oauth_connection_id_created_at_idx").on(t.oauthConnectionId, t.createdAt).where(sql`${t.oauthConnectionId} is not null`),
    check("sso_sessions_one_connection", sql`(${t.connectionId} is null) <> (${t.oauthConnectionId} is null)`),
  ],
);
export type SsoSessionRow = typeof ssoSessions.$inferSelect;

/** One-time authorization codes (`POST /sso/token`), stored as SHA-256; 10 minutes, one exchange. */
export const ssoCodes = pgTable(
  "sso_codes",
  {
    codeHash: text("code_hash").primaryKey(),
    organizationId: text("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    sessionId: text("session_id")
      .notNull()
      .references(() => ssoSessions.id, { onDelete: "cascade" }),
    codeChallenge: text("code_challenge"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt,
  },
  (t) => [index("sso_codes_organization_id_idx").on(t.organizationId)],
);

/** Access tokens handed out by `POST /sso/token`, good for `GET /sso/profile`; stored as SHA-256. */
export const ssoAccessTokens = pgTable(
  "sso_access_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    organizationId: text("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    sessionId: text("session_id")
      .notNull()
      .references(() => ssoSessions.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt,
  },
  (t) => [index("sso_access_tokens_organization_id_idx").on(t.organizationId)],
);

/** Assertion IDs already consumed, kept until NotOnOrAfter + skew (SECURITY.md, SAML check 8). */
export const samlReplayCache = pgTable(
  "saml_replay_cache",
  {
    organizationId: tenantColumn(() => organizations.id),
    assertionId: text("assertion_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt,
  },
  (t) => [primaryKey({ name: "saml_replay_cache_pk", columns: [t.organizationId, t.assertionId] }), index("saml_replay_cache_expires_at_idx").on(t.expiresAt)],
);

export const connectionChangeKinds = [
  "configured",
  "metadata_refreshed",
  "metadata_refresh_failed",
  "certificate_added",
  "certificate_retired",
  "renewal_link_sent",
] as const;
export type ConnectionChangeKind = (typeof connectionChangeKinds)[number];

/** A connection's history: each change to its IdP side, who or what made it, and what changed. */
export const connectionChanges = pgTable(
  "connection_changes",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: connectionChangeKinds }).notNull(),
    /** One line a person reads: "Certificate CN=idp (expires 2027-01-01) added from the metadata URL". */
    summary: text("summary").notNull(),
    /** "dashboard: a@b.c", "admin_portal", "api", "system: metadata refresh". */
    actor: text("actor").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt,
  },
  (t) => [index("connection_changes_organization_id_connection_id_created_at_idx").on(t.organizationId, t.connectionId, t.createdAt)],
);
export type ConnectionChangeRow = typeof connectionChanges.$inferSelect;

/**
 * Expiry notices already sent, one per certificate and milestone (90, 60, 30, 14, 7, 3, 1 days before,
 * then each week after): the unique key makes "once each" hold across runs and instances. `scope` is the
 * connection id for an IdP certificate, `sp` for Portico's own.
 */
export const certificateExpiryNotices = pgTable(
  "certificate_expiry_notices",
  {
    scope: text("scope").notNull(),
    fingerprintSha256: text("fingerprint_sha256").notNull(),
    milestone: text("milestone").notNull(),
    createdAt,
  },
  (t) => [primaryKey({ name: "certificate_expiry_notices_pk", columns: [t.scope, t.fingerprintSha256, t.milestone] })],
);
