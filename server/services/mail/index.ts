import { desc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailMessages } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { newId } from "@/server/ids";
import { smtpTransport } from "@/server/mail/transport";
import { env } from "@/server/env";
import type { ServiceContext } from "@/server/services/context";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export class MailDeliveryError extends DomainError {
  constructor(detail: string) {
    super("mail_delivery_failed", `The email could not be sent: ${detail}`);
  }
}

/**
 * Sends through SMTP when SMTP_URL is set; otherwise keeps the message in the dev outbox.
 * Either way the message is recorded, so staff can see what went out.
 */
export async function sendMail(db: Db, mail: OutgoingMail): Promise<{ id: string; transport: "smtp" | "outbox" }> {
  const id = newId("mail");
  const transporter = smtpTransport();
  if (!transporter) {
    await db.insert(mailMessages).values({ id, ...mail, transport: "outbox" });
    return { id, transport: "outbox" };
  }
  try {
    await transporter.sendMail({ from: env().MAIL_FROM, ...mail });
    await db.insert(mailMessages).values({ id, ...mail, transport: "smtp", sentAt: new Date() });
    return { id, transport: "smtp" };
  } catch (error) {
    const detail = (error as Error).message.slice(0, 300);
    await db.insert(mailMessages).values({ id, ...mail, transport: "smtp", error: detail });
    throw new MailDeliveryError(detail);
  }
}

export async function listOutbox(ctx: ServiceContext, limit = 50) {
  return ctx.db
    .select({
      id: mailMessages.id,
      to: mailMessages.to,
      subject: mailMessages.subject,
      text: mailMessages.text,
      transport: mailMessages.transport,
      sentAt: mailMessages.sentAt,
      error: mailMessages.error,
      createdAt: mailMessages.createdAt,
    })
    .from(mailMessages)
    .orderBy(desc(mailMessages.id))
    .limit(Math.min(Math.max(limit, 1), 200));
}

export function mailIsConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}
