import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { PortalIntent, StaffRole } from "@/db/schema";
import { appRouter } from "@/server/trpc/routers/_app";

/**
 * Every tRPC procedure and every REST route, with who may call it. The authorization harness
 * (tenancy.test.ts) fails when one is missing, so none can skip its check; the fuzz test sends
 * malformed input to each one listed here.
 */
export type StaffEntry = { minimum: StaffRole; input?: unknown };
/**
 * Portal procedures. `intent`: the one feature the procedure serves (a session without it is refused);
 * `needsIntent`: the procedure takes an intent as input and refuses one not on the link.
 */
export type PortalEntry = { portal: true; input?: (intent: PortalIntent) => unknown; needsIntent?: boolean; intent?: PortalIntent };

const harnessStream = { kind: "https", url: "https://127.0.0.1:9/harness", format: "json", headers: [] };

export const procedures: Record<string, StaffEntry | PortalEntry> = {
  "organizations.list": { minimum: "viewer", input: {} },
  "organizations.get": { minimum: "viewer", input: { id: "org_missing" } },
  "organizations.create": { minimum: "admin", input: { name: "Harness Org" } },
  "organizations.update": { minimum: "admin", input: { id: "org_missing", data: { name: "x" } } },
  "organizations.delete": { minimum: "admin", input: { id: "org_missing" } },
  "apiKeys.list": { minimum: "viewer" },
  "apiKeys.create": { minimum: "admin", input: { name: "Harness key" } },
  "apiKeys.revoke": { minimum: "admin", input: { id: "key_missing" } },
  "staff.me": { minimum: "viewer" },
  "staff.list": { minimum: "viewer" },
  "staff.invite": { minimum: "owner", input: { email: "new.person@vendor.example.com", role: "viewer" } },
  "staff.revokeInvitation": { minimum: "owner", input: { id: "invite_missing" } },
  "staff.changeRole": { minimum: "owner", input: { id: "user_missing", role: "viewer" } },
  "staff.changePassword": { minimum: "viewer", input: { currentPassword: "the harness password", newPassword: "the harness password" } },
  "staff.remove": { minimum: "owner", input: { id: "user_missing" } },
  "setupLinks.get": { minimum: "viewer", input: { organizationId: "org_missing" } },
  "setupLinks.create": { minimum: "admin", input: { organizationId: "org_missing", intents: ["sso"] } },
  "setupLinks.revoke": { minimum: "admin", input: { organizationId: "org_missing" } },
  "polisImport.start": { minimum: "admin", input: { url: "https://polis.example.com", apiKey: "harness-key", products: ["app"], dryRun: true } },
  "polisImport.get": { minimum: "viewer", input: { id: "polis_import_missing" } },
  "polisImport.list": { minimum: "viewer" },
  "settings.redirects": { minimum: "viewer" },
  "settings.updateRedirects": { minimum: "admin", input: { defaultReturnUrl: null, successUrls: {}, ssoCallbackUrls: [] } },
  "settings.branding": { minimum: "viewer" },
  "settings.updateBranding": { minimum: "admin", input: { productName: "Harness", logoUrl: null, primaryColor: "#123456" } },
  "settings.outbox": { minimum: "admin" },
  "settings.oauthProviders": { minimum: "viewer" },
  "settings.updateOAuthProvider": { minimum: "admin", input: { provider: "GoogleOAuth", enabled: false } },
  "domains.list": { minimum: "viewer", input: { organizationId: "org_missing" } },
  "domains.add": { minimum: "admin", input: { organizationId: "org_missing", domain: "harness.example" } },
  "domains.verifyNow": { minimum: "admin", input: { id: "org_domain_missing" } },
  "domains.verifyManually": { minimum: "admin", input: { id: "org_domain_missing" } },
  "domains.restart": { minimum: "admin", input: { id: "org_domain_missing" } },
  "domains.remove": { minimum: "admin", input: { id: "org_domain_missing" } },
  "directories.list": { minimum: "viewer", input: { organizationId: "org_missing" } },
  "directories.overview": { minimum: "viewer", input: { directoryId: "directory_missing" } },
  "directories.users": { minimum: "viewer", input: { directoryId: "directory_missing" } },
  "directories.user": { minimum: "viewer", input: { userId: "directory_user_missing" } },
  "directories.groups": { minimum: "viewer", input: { directoryId: "directory_missing" } },
  "directories.group": { minimum: "viewer", input: { directoryId: "directory_missing", groupId: "directory_group_missing" } },
  "portal.overview.get": { portal: true, needsIntent: false },
  "portal.domains.list": { portal: true, intent: "domain_verification" },
  "portal.domains.add": { portal: true, intent: "domain_verification", input: () => ({ domain: `harness-${Math.random().toString(36).slice(2, 8)}.example` }) },
  "portal.domains.verifyNow": { portal: true, intent: "domain_verification", input: () => ({ id: "org_domain_missing" }) },
  "portal.domains.remove": { portal: true, intent: "domain_verification", input: () => ({ id: "org_domain_missing" }) },
  "portal.overview.startIntent": { portal: true, needsIntent: true, input: (intent) => ({ intent }) },
  "connections.list": { minimum: "viewer", input: { organizationId: "org_missing" } },
  "connections.get": { minimum: "viewer", input: { id: "conn_missing" } },
  "connections.sessions": { minimum: "viewer", input: { organizationId: "org_missing" } },
  "connections.session": { minimum: "viewer", input: { id: "sso_session_missing" } },
  "connections.reset": { minimum: "admin", input: { id: "conn_missing" } },
  "webhooks.list": { minimum: "viewer" },
  "webhooks.create": { minimum: "admin", input: { endpointUrl: "https://hooks.example.com/harness", events: ["organization.created"] } },
  "webhooks.update": { minimum: "admin", input: { id: "we_missing", status: "disabled" } },
  "webhooks.delete": { minimum: "admin", input: { id: "we_missing" } },
  "webhooks.rotateSecret": { minimum: "admin", input: { id: "we_missing" } },
  "webhooks.deliveries": { minimum: "viewer", input: { endpointId: "we_missing" } },
  "webhooks.resend": { minimum: "admin", input: { id: "delivery_missing" } },
  "webhooks.sendTest": { minimum: "admin", input: { endpointId: "we_missing", event: "organization.created" } },
  "events.list": { minimum: "viewer", input: {} },
  "connections.setActive": { minimum: "admin", input: { id: "conn_missing", active: false } },
  "connections.history": { minimum: "viewer", input: { id: "conn_missing" } },
  "connections.expiringCertificates": { minimum: "viewer", input: {} },
  "connections.emailRenewalLink": { minimum: "admin", input: { organizationId: "org_missing", connectionId: "conn_missing" } },
  "portal.sso.get": { portal: true, intent: "sso" },
  "portal.sso.create": { portal: true, intent: "sso", input: () => ({ provider: "okta" }) },
  "portal.sso.configure": { portal: true, intent: "sso", input: () => ({ id: "conn_missing", metadataXml: "<x/>" }) },
  "portal.sso.createOidc": { portal: true, intent: "sso", input: () => ({ connectionType: "GenericOIDC" }) },
  "portal.sso.configureOidc": { portal: true, intent: "sso", input: () => ({ id: "conn_missing", oidcClientId: "x" }) },
  "portal.sso.connection": { portal: true, intent: "sso", input: () => ({ id: "conn_missing" }) },
  "portal.sso.testSignIn": { portal: true, intent: "sso", input: () => ({ id: "conn_missing" }) },
  "portal.sso.sessions": { portal: true, intent: "sso" },
  "portal.sso.session": { portal: true, intent: "sso", input: () => ({ id: "sso_session_missing" }) },
  "portal.sso.reset": { portal: true, intent: "sso", input: () => ({ id: "conn_missing" }) },
  "portal.sso.expiringCertificates": { portal: true, intent: "sso" },
  "portal.certificateRenewal.get": { portal: true, intent: "certificate_renewal" },
  "portal.certificateRenewal.addCertificate": {
    portal: true,
    intent: "certificate_renewal",
    input: () => ({ connectionId: "conn_missing", certificate: "-----BEGIN CERTIFICATE-----" }),
  },
  "portal.certificateRenewal.refreshMetadata": { portal: true, intent: "certificate_renewal", input: () => ({ connectionId: "conn_missing" }) },
  "portal.certificateRenewal.testSignIn": { portal: true, intent: "certificate_renewal", input: () => ({ connectionId: "conn_missing" }) },
  "portal.certificateRenewal.testResult": { portal: true, intent: "certificate_renewal", input: () => ({ id: "sso_session_missing" }) },
  "portal.certificateRenewal.retire": {
    portal: true,
    intent: "certificate_renewal",
    input: () => ({ connectionId: "conn_missing", certificateId: "idp_cert_missing" }),
  },
  "portal.directorySync.list": { portal: true, intent: "dsync" },
  "portal.directorySync.create": { portal: true, intent: "dsync", input: () => ({ type: "okta" }) },
  "portal.directorySync.overview": { portal: true, intent: "dsync", input: () => ({ directoryId: "directory_missing" }) },
  "portal.directorySync.rotateToken": { portal: true, intent: "dsync", input: () => ({ directoryId: "directory_missing" }) },
  "portal.directorySync.reset": { portal: true, intent: "dsync", input: () => ({ directoryId: "directory_missing" }) },
  "portal.directorySync.updateAttributeMap": {
    portal: true,
    intent: "dsync",
    input: () => ({ directoryId: "directory_missing", map: { department: "title" } }),
  },
  "portal.directorySync.groupChoices": { portal: true, intent: "dsync", input: () => ({ directoryId: "directory_missing" }) },
  "portal.directorySync.updateGroupFilter": { portal: true, intent: "dsync", input: () => ({ directoryId: "directory_missing", groups: null }) },
  "portal.directorySync.users": { portal: true, intent: "dsync", input: () => ({ directoryId: "directory_missing" }) },
  "portal.directorySync.user": { portal: true, intent: "dsync", input: () => ({ userId: "directory_user_missing" }) },
  "portal.directorySync.groups": { portal: true, intent: "dsync", input: () => ({ directoryId: "directory_missing" }) },
  "portal.directorySync.group": { portal: true, intent: "dsync", input: () => ({ directoryId: "directory_missing", groupId: "directory_group_missing" }) },
  "auditLogs.list": { minimum: "viewer", input: { organizationId: "org_missing" } },
  "auditLogs.get": { minimum: "viewer", input: { organizationId: "org_missing", id: "audit_log_event_missing" } },
  "auditLogs.createExport": { minimum: "viewer", input: { organizationId: "org_missing" } },
  "auditLogs.getExport": { minimum: "viewer", input: { organizationId: "org_missing", id: "audit_log_export_missing" } },
  "logStreams.get": { minimum: "viewer", input: { organizationId: "org_missing" } },
  "logStreams.externalId": { minimum: "viewer", input: { organizationId: "org_missing" } },
  "logStreams.test": { minimum: "admin", input: { organizationId: "org_missing", stream: { kind: "datadog" } } },
  "logStreams.save": { minimum: "admin", input: { organizationId: "org_missing", stream: { kind: "datadog" } } },
  "logStreams.setPaused": { minimum: "admin", input: { organizationId: "org_missing", paused: true } },
  "logStreams.delete": { minimum: "admin", input: { organizationId: "org_missing" } },
  "portal.logStreams.get": { portal: true, intent: "log_streams" },
  "portal.logStreams.externalId": { portal: true, intent: "log_streams" },
  // A destination on a loopback literal: refused by the outgoing-address guard before any packet is sent.
  "portal.logStreams.test": { portal: true, intent: "log_streams", input: () => ({ stream: harnessStream }) },
  "portal.logStreams.save": { portal: true, intent: "log_streams", input: () => ({ stream: harnessStream }) },
  "portal.logStreams.setPaused": { portal: true, intent: "log_streams", input: () => ({ paused: true }) },
  "portal.logStreams.delete": { portal: true, intent: "log_streams" },
  "portal.auditLogs.list": { portal: true, intent: "audit_logs", input: () => ({}) },
  "portal.auditLogs.get": { portal: true, intent: "audit_logs", input: () => ({ id: "audit_log_event_missing" }) },
  "portal.auditLogs.createExport": { portal: true, intent: "audit_logs", input: () => ({}) },
  "portal.auditLogs.getExport": { portal: true, intent: "audit_logs", input: () => ({ id: "audit_log_export_missing" }) },
};

export const staffProcedures = Object.entries(procedures)
  .filter((e): e is [string, StaffEntry] => !("portal" in e[1]))
  .map(([n]) => n);
export const portalProcedures = Object.entries(procedures)
  .filter((e): e is [string, PortalEntry] => "portal" in e[1])
  .map(([n]) => n);

/** REST routes (method and file path under app/) with a concrete path to call. */
export const restRoutes: Record<string, string> = {
  "GET /organizations": "/organizations",
  "POST /organizations": "/organizations",
  "GET /organizations/[id]": "/organizations/org_missing",
  "PUT /organizations/[id]": "/organizations/org_missing",
  "DELETE /organizations/[id]": "/organizations/org_missing",
  "GET /organizations/external_id/[externalId]": "/organizations/external_id/missing",
  "GET /organizations/[id]/it_contacts": "/organizations/org_missing/it_contacts",
  "POST /organizations/[id]/it_contacts": "/organizations/org_missing/it_contacts",
  "DELETE /organizations/[id]/it_contacts/[contactId]": "/organizations/org_missing/it_contacts/it_contact_missing",
  "POST /organizations/[id]/it_contacts/[contactId]/invite": "/organizations/org_missing/it_contacts/it_contact_missing/invite",
  "POST /organizations/[id]/it_contacts/[contactId]/revoke": "/organizations/org_missing/it_contacts/it_contact_missing/revoke",
  "POST /portal/generate_link": "/portal/generate_link",
  "GET /connections": "/connections",
  "POST /connections": "/connections",
  "GET /connections/[id]": "/connections/conn_missing",
  "PUT /connections/[id]": "/connections/conn_missing",
  "DELETE /connections/[id]": "/connections/conn_missing",
  "GET /redirect_uris": "/redirect_uris",
  "PUT /redirect_uris": "/redirect_uris",
  "GET /events": "/events?events=organization.created",
  "POST /organization_domains": "/organization_domains",
  "GET /organization_domains/[id]": "/organization_domains/org_domain_missing",
  "DELETE /organization_domains/[id]": "/organization_domains/org_domain_missing",
  "POST /organization_domains/[id]/verify": "/organization_domains/org_domain_missing/verify",
  "GET /directories": "/directories",
  "POST /directories": "/directories",
  "GET /directories/[id]": "/directories/directory_missing",
  "DELETE /directories/[id]": "/directories/directory_missing",
  "POST /directories/[id]/token": "/directories/directory_missing/token",
  "GET /directory_users": "/directory_users?directory=directory_missing",
  "GET /directory_users/[id]": "/directory_users/directory_user_missing",
  "GET /directory_groups": "/directory_groups?directory=directory_missing",
  "GET /directory_groups/[id]": "/directory_groups/directory_group_missing",
  "GET /webhook_endpoints": "/webhook_endpoints",
  "POST /webhook_endpoints": "/webhook_endpoints",
  "PATCH /webhook_endpoints/[id]": "/webhook_endpoints/we_missing",
  "DELETE /webhook_endpoints/[id]": "/webhook_endpoints/we_missing",
  "POST /audit_logs/events": "/audit_logs/events",
  "GET /audit_logs/actions": "/audit_logs/actions",
  "POST /audit_logs/actions/[action]/schemas": "/audit_logs/actions/harness.action/schemas",
  "GET /audit_logs/actions/[action]/schemas": "/audit_logs/actions/harness.action/schemas",
  "POST /audit_logs/exports": "/audit_logs/exports",
  "GET /audit_logs/exports/[id]": "/audit_logs/exports/audit_log_export_missing",
  "GET /organizations/[id]/audit_logs_retention": "/organizations/org_missing/audit_logs_retention",
  "PUT /organizations/[id]/audit_logs_retention": "/organizations/org_missing/audit_logs_retention",
  "GET /organizations/[id]/audit_log_configuration": "/organizations/org_missing/audit_log_configuration",
};

/** Route handlers outside the API-key surface, each with the reason it is not key-authenticated. */
export const otherAuthentication: Record<string, string> = {
  "/api/auth/[...nextauth]": "next-auth's own sign-in endpoints",
  "/api/trpc/[trpc]": "tRPC: each procedure's check is tested above",
  "/portal/launch/[token]": "the link token itself (tested in the portal-link tests)",
  "/sso/authorize": "client_id plus the redirect_uri allowlist; starts a browser sign-in (tested in sso-saml)",
  "/sso/token": "client_secret is an API key, or the PKCE verifier (tested in sso-saml)",
  "/sso/profile": "the access token from /sso/token (tested in sso-saml)",
  "/sso/saml/[connectionId]/acs": "the SAML response's signature by the connection's IdP certificate (attacks in saml-validate, sso-saml)",
  "/sso/saml/[connectionId]/metadata": "public SP metadata, read by IdPs",
  "/api/oauth/saml":
    "the SAML response's signature by the IdP certificate of the imported connection it names (by its request or Issuer); tested in import-polis",
  "/sso/saml/[connectionId]/begin/[sessionId]": "an open attempt's unguessable id; only re-sends its AuthnRequest to the IdP (tested in sso-saml)",
  "/audit_logs/exports/[id]/download": "a signed link that expires after 10 minutes, given by GET /audit_logs/exports/:id (tampering tried in sdk-audit-logs)",
  "/sso/oidc/[connectionId]/callback": "the attempt's single-use state and the ID token's signature by the IdP's JWKS (tested in sso-oidc)",
  "/scim/v2/[directoryId]/[...path]": "the directory's SCIM bearer token (attacks tried in scim-server.test.ts)",
  "/[...rest]": "no route: answers a JSON 404 to anyone, with no data (tested in sdk-events)",
  "/health": "public liveness probe: says only that the process answers",
  "/ready": "public readiness probe: says only whether the instance takes traffic, and why not",
  "/metrics": "off unless METRICS_TOKEN is set, then that bearer token (tested in operations.test.ts)",
  "/openapi.json": "public: the API's OpenAPI document, which holds no data (tested in openapi.test.ts)",
  "/docs/api/assets/[file]": "public: the API reference's renderer script from node_modules (tested in api-reference.test.ts)",
};

export function flatProcedureNames(): string[] {
  return Object.keys((appRouter._def as unknown as { procedures: Record<string, unknown> }).procedures).sort();
}

export function routeFiles(dir: string, prefix = ""): { route: string; methods: string[] }[] {
  const found: { route: string; methods: string[] }[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...routeFiles(full, `${prefix}/${entry}`));
    else if (/^route\.(ts|tsx)$/.test(entry)) {
      const source = readFileSync(full, "utf8");
      const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      found.push({ route: prefix.replace(/\/\([^)]+\)/g, "") || "/", methods });
    }
  }
  return found;
}
