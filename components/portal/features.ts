import type { PortalIntent } from "@/db/schema";

/** One line per feature, shared by the portal's cards and the dashboard's "Invite admin" dialog. */
export const intentDescriptions: Record<PortalIntent, string> = {
  domain_verification: "Prove your organization owns its email domains with a DNS record.",
  sso: "Connect your identity provider so your people sign in with SAML or OIDC.",
  dsync: "Provision and deprovision users and groups automatically with SCIM.",
  audit_logs: "Review and export the activity of your organization.",
  log_streams: "Stream audit logs to your SIEM: Datadog, Splunk or any HTTPS endpoint.",
  certificate_renewal: "Rotate the signing certificate of your SSO connection before it expires.",
};

/** The same features as vendor staff see them when choosing what a setup link is for. */
export const intentSummaries: Record<PortalIntent, string> = {
  domain_verification: "Publish a DNS record to prove they own their email domains.",
  sso: "Connect their identity provider (SAML or OIDC) and test a sign-in.",
  dsync: "Connect their directory over SCIM to provision users and groups.",
  audit_logs: "Browse and export their organization's audit log.",
  log_streams: "Stream audit logs to Datadog, Splunk or an HTTPS endpoint.",
  certificate_renewal: "Upload a new IdP signing certificate before the current one expires.",
};

/** Features whose portal screens exist; the others show a placeholder until they arrive. */
export const intentsWithScreens: ReadonlySet<PortalIntent> = new Set<PortalIntent>([
  "domain_verification",
  "sso",
  "dsync",
  "audit_logs",
  "log_streams",
  "certificate_renewal",
]);

/** A feature and the words that describe it, as pages hand them to client components. */
export interface FeatureOption {
  intent: PortalIntent;
  label: string;
  description: string;
}
