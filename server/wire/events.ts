import type { OrganizationDomainWire, OrganizationWire } from "./organizations";
import type { DirectoryGroupWire, DirectoryUserWire } from "./directory-sync";

/**
 * Every event Portico emits, and the exact `data` it carries, as `@workos-inc/node` types and
 * deserializes it (tests/integration/sdk-events.test.ts checks both against the SDK). Every writer goes
 * through `recordEvent`, which takes its payload type from this map.
 */

export interface ConnectionDomainWire {
  object: "connection_domain";
  id: string;
  domain: string;
}

/** The connection types Portico creates (server/saml/providers.ts), as the WorkOS API names them. */
export type ConnectionTypeWire =
  | "GenericSAML"
  | "OktaSAML"
  | "AzureSAML"
  | "GoogleSAML"
  | "OneLoginSAML"
  | "JumpCloudSAML"
  | "PingFederateSAML"
  | "ADFSSAML"
  | "KeycloakSAML"
  | "Auth0SAML";

export interface ConnectionEventData {
  object: "connection";
  id: string;
  organization_id: string;
  name: string;
  connection_type: ConnectionTypeWire;
  state: "draft" | "active" | "inactive" | "validating";
  domains: ConnectionDomainWire[];
  /** Present on activated/deactivated; WorkOS leaves it off `connection.deleted`. */
  external_key?: string;
  created_at: string;
  updated_at: string;
}

/** The current API's directory states (the SDK maps the older `linked`/`unlinked` only on getDirectory). */
export type EventDirectoryState = "active" | "validating" | "invalid_credentials" | "inactive" | "deleting";

export interface DirectoryEventDomain {
  object: "organization_domain";
  id: string;
  domain: string;
}

export interface DirectoryActivatedData {
  object: "directory";
  id: string;
  organization_id: string;
  name: string;
  type: DirectoryTypeWire;
  state: EventDirectoryState;
  external_key: string;
  domains: DirectoryEventDomain[];
  created_at: string;
  updated_at: string;
}

export type DirectoryDeletedData = Omit<DirectoryActivatedData, "external_key" | "domains">;

export type DirectoryTypeWire =
  | "okta scim v2.0"
  | "azure scim v2.0"
  | "onelogin scim v2.0"
  | "jump cloud scim v2.0"
  | "pingfederate scim v2.0"
  | "rippling scim v2.0"
  | "generic scim v2.0";

export type PreviousAttributes = Record<string, unknown>;

export interface DirectoryMembershipData {
  directory_id: string;
  user: DirectoryUserWire;
  group: DirectoryGroupWire;
}

export interface DirectoryTokenData {
  object: "directory_token";
  id: string;
  directory_id: string;
  organization_id: string;
  token_suffix: string;
  created_at: string;
}

export interface SsoAuthenticationData {
  type: "sso";
  status: "started" | "succeeded" | "failed" | "timed_out";
  ip_address: string | null;
  user_agent: string | null;
  user_id: string | null;
  email: string | null;
  sso: { organization_id: string; connection_id: string; session_id: string };
  error?: { code: string; message: string };
}

/**
 * `authentication.oauth_*` data: a `provider=GoogleOAuth|MicrosoftOAuth` sign-in. The SDK's
 * AuthenticationEventResponse without `sso`, which names an organization's connection and so has no place here.
 */
export interface OAuthAuthenticationData {
  type: "oauth";
  status: "succeeded" | "failed";
  ip_address: string | null;
  user_agent: string | null;
  user_id: string | null;
  email: string | null;
  error?: { code: string; message: string };
}

/** Which of a SAML connection's certificates an expiry or renewal event is about. */
export type SamlCertificateType = "ResponseSigning" | "RequestSigning" | "ResponseEncryption";

/**
 * `connection.saml_certificate_*` data. SDK 11 passes these events through undeserialized (they are not in
 * its typed union), so the shape is WorkOS's documented one, snake_case as sent.
 */
export interface SamlCertificateConnectionRef {
  id: string;
  organization_id: string;
}

export interface SamlCertificateRenewalRequiredData {
  connection: SamlCertificateConnectionRef;
  certificate: { certificate_type: SamlCertificateType; expiry_date: string; is_expired: boolean };
  /** Whole days left (negative once expired). */
  days_until_expiry: number;
}

export interface SamlCertificateRenewedData {
  connection: SamlCertificateConnectionRef;
  certificate: { certificate_type: SamlCertificateType; expiry_date: string };
  renewed_at: string;
}

export type DomainVerificationFailedReason = "domain_verification_period_expired" | "domain_verified_by_other_organization";

export interface EventPayloads {
  "organization.created": OrganizationWire;
  "organization.updated": OrganizationWire & { previous_attributes: PreviousAttributes };
  "organization.deleted": OrganizationWire;
  "organization_domain.created": OrganizationDomainWire;
  "organization_domain.verified": OrganizationDomainWire;
  "organization_domain.verification_failed": { reason: DomainVerificationFailedReason; organization_domain: OrganizationDomainWire };
  "organization_domain.deleted": OrganizationDomainWire;
  "connection.activated": ConnectionEventData;
  "connection.deactivated": ConnectionEventData;
  "connection.deleted": ConnectionEventData;
  "connection.saml_certificate_renewal_required": SamlCertificateRenewalRequiredData;
  "connection.saml_certificate_renewed": SamlCertificateRenewedData;
  "dsync.activated": DirectoryActivatedData;
  "dsync.deleted": DirectoryDeletedData;
  "dsync.token.created": DirectoryTokenData;
  "dsync.token.revoked": DirectoryTokenData;
  "dsync.user.created": DirectoryUserWire;
  "dsync.user.updated": DirectoryUserWire & { previous_attributes: PreviousAttributes };
  "dsync.user.deleted": DirectoryUserWire;
  "dsync.group.created": DirectoryGroupWire;
  "dsync.group.updated": DirectoryGroupWire & { previous_attributes: PreviousAttributes };
  "dsync.group.deleted": DirectoryGroupWire;
  "dsync.group.user_added": DirectoryMembershipData;
  "dsync.group.user_removed": DirectoryMembershipData;
  "authentication.sso_started": SsoAuthenticationData & { status: "started" };
  "authentication.sso_succeeded": SsoAuthenticationData & { status: "succeeded" };
  "authentication.sso_failed": SsoAuthenticationData & { status: "failed"; error: { code: string; message: string } };
  "authentication.sso_timed_out": SsoAuthenticationData & { status: "timed_out" };
  "authentication.oauth_succeeded": OAuthAuthenticationData & { status: "succeeded" };
  "authentication.oauth_failed": OAuthAuthenticationData & { status: "failed"; error: { code: string; message: string } };
}

export type EventName = keyof EventPayloads;

/** Every event name, in the order the dashboard offers them. */
export const eventNames = [
  "organization.created",
  "organization.updated",
  "organization.deleted",
  "organization_domain.created",
  "organization_domain.verified",
  "organization_domain.verification_failed",
  "organization_domain.deleted",
  "connection.activated",
  "connection.deactivated",
  "connection.deleted",
  "connection.saml_certificate_renewal_required",
  "connection.saml_certificate_renewed",
  "dsync.activated",
  "dsync.deleted",
  "dsync.token.created",
  "dsync.token.revoked",
  "dsync.user.created",
  "dsync.user.updated",
  "dsync.user.deleted",
  "dsync.group.created",
  "dsync.group.updated",
  "dsync.group.deleted",
  "dsync.group.user_added",
  "dsync.group.user_removed",
  "authentication.sso_started",
  "authentication.sso_succeeded",
  "authentication.sso_failed",
  "authentication.sso_timed_out",
  "authentication.oauth_succeeded",
  "authentication.oauth_failed",
] as const satisfies readonly EventName[];

// Fails to compile when a name is added to the map but not to the list.
type Missing = Exclude<EventName, (typeof eventNames)[number]>;
export const everyEventListed: Missing extends never ? true : never = true;
