import type { EventName, EventPayloads } from "@/server/wire/events";

/**
 * What "Send test event" sends: a made-up but correctly shaped payload for each event type, so a
 * receiver can be tried out (and its SDK deserialization checked) before real events flow.
 */
const at = "2026-01-01T00:00:00.000Z";
const organizationDomain = {
  object: "organization_domain" as const,
  id: "org_domain_test",
  organization_id: "org_test",
  domain: "example.com",
  state: "verified" as const,
  verification_strategy: "dns" as const,
  created_at: at,
  updated_at: at,
};
const organization = {
  object: "organization" as const,
  id: "org_test",
  name: "Example Corp",
  allow_profiles_outside_organization: false,
  domains: [organizationDomain],
  external_id: null,
  metadata: {},
  created_at: at,
  updated_at: at,
};
const connection = {
  object: "connection" as const,
  id: "conn_test",
  organization_id: "org_test",
  name: "Okta",
  connection_type: "OktaSAML" as const,
  state: "active" as const,
  domains: [{ object: "connection_domain" as const, id: "org_domain_test", domain: "example.com" }],
  external_key: "conn_test",
  created_at: at,
  updated_at: at,
};
const directory = {
  object: "directory" as const,
  id: "directory_test",
  organization_id: "org_test",
  name: "Okta",
  type: "okta scim v2.0" as const,
  state: "active" as const,
  external_key: "test-key",
  domains: [{ object: "organization_domain" as const, id: "org_domain_test", domain: "example.com" }],
  created_at: at,
  updated_at: at,
};
const user = {
  object: "directory_user" as const,
  id: "directory_user_test",
  directory_id: "directory_test",
  organization_id: "org_test",
  idp_id: "00u1",
  email: "ada@example.com",
  first_name: "Ada",
  last_name: "Lovelace",
  state: "active" as const,
  custom_attributes: { department: "Engineering" },
  raw_attributes: { userName: "ada@example.com" },
  created_at: at,
  updated_at: at,
};
const group = {
  object: "directory_group" as const,
  id: "directory_group_test",
  idp_id: "00g1",
  directory_id: "directory_test",
  organization_id: "org_test",
  name: "Engineering",
  raw_attributes: { displayName: "Engineering" },
  created_at: at,
  updated_at: at,
};
const token = {
  object: "directory_token" as const,
  id: "directory_token_test",
  directory_id: "directory_test",
  organization_id: "org_test",
  token_suffix: "abcd",
  created_at: at,
};
const sso = {
  type: "sso" as const,
  ip_address: "203.0.113.7",
  user_agent: "Mozilla/5.0",
  sso: { organization_id: "org_test", connection_id: "conn_test", session_id: "sso_session_test" },
};

const oauth = { type: "oauth" as const, ip_address: "203.0.113.7", user_agent: "Mozilla/5.0" };

export const samplePayloads: { [N in EventName]: EventPayloads[N] } = {
  "organization.created": organization,
  "organization.updated": { ...organization, previous_attributes: { name: "Example" } },
  "organization.deleted": organization,
  "organization_domain.created": { ...organizationDomain, state: "pending" },
  "organization_domain.verified": organizationDomain,
  "organization_domain.verification_failed": { reason: "domain_verification_period_expired", organization_domain: { ...organizationDomain, state: "failed" } },
  "organization_domain.deleted": organizationDomain,
  "connection.activated": connection,
  "connection.deactivated": { ...connection, state: "inactive" },
  "connection.deleted": { ...connection, state: "inactive" },
  "connection.saml_certificate_renewal_required": {
    connection: { id: "conn_test", organization_id: "org_test" },
    certificate: { certificate_type: "ResponseSigning", expiry_date: at, is_expired: false },
    days_until_expiry: 30,
  },
  "connection.saml_certificate_renewed": {
    connection: { id: "conn_test", organization_id: "org_test" },
    certificate: { certificate_type: "ResponseSigning", expiry_date: at },
    renewed_at: at,
  },
  "dsync.activated": directory,
  "dsync.deleted": {
    object: "directory",
    id: directory.id,
    organization_id: "org_test",
    name: "Okta",
    type: directory.type,
    state: "deleting",
    created_at: at,
    updated_at: at,
  },
  "dsync.token.created": token,
  "dsync.token.revoked": token,
  "dsync.user.created": user,
  "dsync.user.updated": { ...user, previous_attributes: { first_name: "Ada Augusta" } },
  "dsync.user.deleted": { ...user, state: "inactive" },
  "dsync.group.created": group,
  "dsync.group.updated": { ...group, previous_attributes: { name: "Eng" } },
  "dsync.group.deleted": group,
  "dsync.group.user_added": { directory_id: "directory_test", user, group },
  "dsync.group.user_removed": { directory_id: "directory_test", user, group },
  "authentication.sso_started": { ...sso, status: "started", user_id: null, email: null },
  "authentication.sso_succeeded": { ...sso, status: "succeeded", user_id: "prof_test", email: "ada@example.com" },
  "authentication.sso_failed": {
    ...sso,
    status: "failed",
    user_id: null,
    email: null,
    error: { code: "audience_mismatch", message: "The assertion's Audience is not this connection's SP entity ID." },
  },
  "authentication.sso_timed_out": { ...sso, status: "timed_out", user_id: null, email: null },
  "authentication.oauth_succeeded": { ...oauth, status: "succeeded", user_id: "prof_test", email: "ada@example.com" },
  "authentication.oauth_failed": {
    ...oauth,
    status: "failed",
    user_id: null,
    email: null,
    error: { code: "id_token_issuer_invalid", message: "The ID token's issuer (`iss`) is not the one in the discovery document." },
  },
};
