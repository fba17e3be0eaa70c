import { escapeHtml } from "../html";

interface SignInAlertMessage {
  email: string;
  client: string;
  /** Whether only the one address is paused, or the account from every address. */
  scope: "email_and_client" | "email";
  signInUrl: string;
}

/** Sent to a staff member once per hour at most, when sign-in to their account is being refused for too many wrong passwords. */
export function signInAlertEmail(m: SignInAlertMessage) {
  const subject = "Repeated failed sign-ins to your Portico account";
  const where =
    m.scope === "email_and_client"
      ? `Sign-in from that address is paused for up to 15 minutes. You can still sign in from your usual address.`
      : `So many attempts came from different addresses that sign-in to your account is paused for up to an hour, except from addresses you signed in from before.`;
  const lines = [
    `Someone entered a wrong password for ${m.email} several times in a row (most recently from ${m.client}).`,
    where,
    `If this was you, wait a little and try again. If it was not, your account is safe as long as your password is not used anywhere else; you can change it after signing in, which also signs out every other session.`,
  ];
  const text = [...lines, ``, m.signInUrl].join("\n\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;background:#f8fafc;padding:24px;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:32px">
${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n")}
<p style="color:#475569;font-size:13px;word-break:break-all">${escapeHtml(m.signInUrl)}</p>
</div></body></html>`;
  return { subject, text, html };
}
