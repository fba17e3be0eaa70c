import type { Branding } from "@/server/services/settings/branding";
import { escapeHtml } from "../html";

interface SetupLinkMessage {
  organizationName: string;
  inviter: string;
  features: string[];
  url: string;
  expiresAt: Date;
  branding: Branding;
}

/** The "Invite admin" email: who invited them, what the link does, and how long it is active. */
export function setupLinkEmail(m: SetupLinkMessage) {
  const product = m.branding.productName;
  const days = Math.max(1, Math.round((m.expiresAt.getTime() - Date.now()) / 86_400_000));
  const expires = m.expiresAt.toUTCString();
  const subject = `Set up ${m.features.join(", ")} for ${m.organizationName} in ${product}`;
  const text = [
    `${m.inviter} invited you to set up ${m.features.join(", ")} for ${m.organizationName} in ${product}.`,
    ``,
    `Open this link to start. It walks you through each step and needs no account:`,
    m.url,
    ``,
    `The link is active for ${days} days (until ${expires}) or until the setup is complete.`,
    `If it has expired, ask ${m.inviter} for a new one. If you did not expect this email, you can ignore it.`,
  ].join("\n");
  const color = m.branding.primaryColor;
  const logo = m.branding.logoUrl?.startsWith("https://")
    ? `<img src="${escapeHtml(m.branding.logoUrl)}" alt="${escapeHtml(product)}" height="32" style="height:32px">`
    : `<strong style="font-size:18px">${escapeHtml(product)}</strong>`;
  const html = `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;background:#f8fafc;padding:24px;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:32px">
<div style="margin-bottom:24px">${logo}</div>
<p style="font-size:16px"><strong>${escapeHtml(m.inviter)}</strong> invited you to set up <strong>${escapeHtml(m.features.join(", "))}</strong> for <strong>${escapeHtml(m.organizationName)}</strong> in ${escapeHtml(product)}.</p>
<p>The link walks you through each step and needs no account.</p>
<p style="margin:28px 0"><a href="${escapeHtml(m.url)}" style="background:${escapeHtml(color)};color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600">Start setup</a></p>
<p style="color:#475569;font-size:13px">The link is active for ${days} days (until ${escapeHtml(expires)}) or until the setup is complete. If it has expired, ask ${escapeHtml(m.inviter)} for a new one.</p>
<p style="color:#475569;font-size:13px;word-break:break-all">Or paste this address into your browser: ${escapeHtml(m.url)}</p>
</div></body></html>`;
  return { subject, text, html };
}
