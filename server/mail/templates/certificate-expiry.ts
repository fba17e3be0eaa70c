import { escapeHtml } from "../html";

interface CertificateExpiryMessage {
  connectionName: string | null;
  subject: string;
  notAfter: Date;
  status: { daysUntilExpiry: number; isExpired: boolean };
  dashboardUrl: string;
}

/** The expiry notice: which certificate, when it expires (or expired), and what renewing it takes. */
export function certificateExpiryEmail(m: CertificateExpiryMessage) {
  const date = m.notAfter.toISOString().slice(0, 10);
  const when = m.status.isExpired ? `expired on ${date}` : `expires in ${m.status.daysUntilExpiry} day${m.status.daysUntilExpiry === 1 ? "" : "s"}, on ${date}`;
  const what = m.connectionName
    ? `The SAML signing certificate of the SSO connection "${m.connectionName}"`
    : "Portico's own SAML service provider certificate";
  const action = m.connectionName
    ? "Renew it at your identity provider, then upload the new certificate or metadata through the certificate renewal link your vendor sends (or ask them for one). Both certificates are accepted until the old one is retired, so nobody is signed out during the change."
    : "Portico rotates this key by itself before it expires and publishes both certificates meanwhile: identity providers that pin the service provider certificate need the SP metadata uploaded again.";
  const subject = `SSO certificate ${m.status.isExpired ? "expired" : `expires in ${m.status.daysUntilExpiry} day${m.status.daysUntilExpiry === 1 ? "" : "s"}`}${m.connectionName ? `: ${m.connectionName}` : ""}`;
  const text = [`${what} (${m.subject}) ${when}.`, "", action, "", `Dashboard: ${m.dashboardUrl}`].join("\n");
  const html = `<p>${escapeHtml(what)} (<code>${escapeHtml(m.subject)}</code>) <strong>${escapeHtml(when)}</strong>.</p><p>${escapeHtml(action)}</p><p><a href="${escapeHtml(m.dashboardUrl)}">Open the dashboard</a></p>`;
  return { subject, text, html };
}

/** The renewal link staff send from a connection's page: what is expiring and where to upload the new certificate. */
export function renewalLinkEmail(m: { organizationName: string; connectionName: string; expiresAt: Date | null; url: string; productName: string }) {
  const when = m.expiresAt ? ` Its current certificate expires on ${m.expiresAt.toISOString().slice(0, 10)}.` : "";
  const subject = `Renew the SSO certificate of ${m.organizationName} in ${m.productName}`;
  const text = [
    `Your SSO connection "${m.connectionName}" needs its identity provider's new signing certificate.${when}`,
    ``,
    `Open this link to upload it and test a sign-in; both certificates are accepted until you retire the old one:`,
    m.url,
    ``,
    `The link is active for 30 days or until the renewal is complete.`,
  ].join("\n");
  const html = `<p>Your SSO connection <strong>${escapeHtml(m.connectionName)}</strong> needs its identity provider's new signing certificate.${escapeHtml(when)}</p><p>Upload it and test a sign-in; both certificates are accepted until you retire the old one.</p><p><a href="${escapeHtml(m.url)}">Renew the certificate</a></p><p style="color:#475569;font-size:13px;word-break:break-all">Or paste this address into your browser: ${escapeHtml(m.url)}</p>`;
  return { subject, text, html };
}
