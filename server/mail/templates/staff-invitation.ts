import { escapeHtml } from "../html";

interface StaffInvitationMessage {
  inviter: string;
  role: string;
  url: string;
  expiresAt: Date;
}

/** The email inviting someone to the vendor's Portico dashboard: who invited them, as what, until when. */
export function staffInvitationEmail(m: StaffInvitationMessage) {
  const expires = m.expiresAt.toUTCString();
  const subject = `${m.inviter} invited you to Portico`;
  const text = [
    `${m.inviter} invited you to the Portico dashboard as ${m.role}.`,
    ``,
    `Open this link to choose your password and sign in. It works once:`,
    m.url,
    ``,
    `The link expires ${expires}. If you did not expect this email, you can ignore it.`,
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;background:#f8fafc;padding:24px;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:32px">
<p style="font-size:16px"><strong>${escapeHtml(m.inviter)}</strong> invited you to the Portico dashboard as <strong>${escapeHtml(m.role)}</strong>.</p>
<p style="margin:28px 0"><a href="${escapeHtml(m.url)}" style="background:#2f54d8;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600">Accept the invitation</a></p>
<p style="color:#475569;font-size:13px">The link works once and expires ${escapeHtml(expires)}.</p>
<p style="color:#475569;font-size:13px;word-break:break-all">Or paste this address into your browser: ${escapeHtml(m.url)}</p>
</div></body></html>`;
  return { subject, text, html };
}
