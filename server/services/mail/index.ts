import type { Db } from "@/db/client";
import { mailMessages } from "@/db/schema";
import { encryptSecret } from "@/server/crypto/secrets";
import { DomainError } from "@/server/errors";
import { newId } from "@/server/ids";
import { smtpTransport } from "@/server/mail/transport";
import { env } from "@/server/env";
import { LINK_PLACEHOLDER, sealedLinkPurpose } from "./stored-link";

export { listOutbox } from "./outbox";

interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * A secret link the body carries (a portal link, a staff invitation): sent as is, but never stored readable
   * (see `storedBody`). Only a portal link's can be opened again from the Outbox, while that link is active.
   */
  link?: { url: string; portalLinkId?: string };
}

export class MailDeliveryError extends DomainError {
  constructor(detail: string) {
    super("mail_delivery_failed", `The email could not be sent: ${detail}`);
  }
}

function storedBody(mail: OutgoingMail) {
  const { to, subject } = mail;
  if (!mail.link) return { to, subject, text: mail.text, html: mail.html };
  const { url } = mail.link;
  // The HTML carries the URL escaped; `&` is the one character a launch URL could hold that escaping changes.
  const escaped = url.replace(/&/g, "&amp;");
  return {
    to,
    subject,
    text: mail.text.split(url).join(LINK_PLACEHOLDER),
    html: mail.html.split(url).join(LINK_PLACEHOLDER).split(escaped).join(LINK_PLACEHOLDER),
    portalLinkId: mail.link.portalLinkId ?? null,
  };
}

/**
 * Sends through SMTP when SMTP_URL is set; otherwise keeps the message in the dev outbox.
 * Either way the message is recorded, without its link: a delivered message keeps none at all, and
 * an outbox message keeps it encrypted, for owners and admins to open while the link is active.
 */
export async function sendMail(db: Db, mail: OutgoingMail): Promise<{ id: string; transport: "smtp" | "outbox" }> {
  const id = newId("mail");
  const stored = storedBody(mail);
  const transporter = smtpTransport();
  if (!transporter) {
    const sealedLink = mail.link?.portalLinkId ? encryptSecret(mail.link.url, sealedLinkPurpose(id)) : null;
    await db.insert(mailMessages).values({ id, ...stored, sealedLink, transport: "outbox" });
    return { id, transport: "outbox" };
  }
  const { link: _link, ...message } = mail;
  try {
    await transporter.sendMail({ from: env().MAIL_FROM, ...message });
    await db.insert(mailMessages).values({ id, ...stored, transport: "smtp", sentAt: new Date() });
    return { id, transport: "smtp" };
  } catch (error) {
    const detail = (error as Error).message.slice(0, 300);
    await db.insert(mailMessages).values({ id, ...stored, transport: "smtp", error: detail });
    throw new MailDeliveryError(detail);
  }
}

export function mailIsConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}
