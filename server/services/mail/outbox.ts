import { desc, eq } from "drizzle-orm";
import { mailMessages, portalLinks } from "@/db/schema";
import { decryptSecret } from "@/server/crypto/secrets";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { LINK_PLACEHOLDER, sealedLinkPurpose } from "./stored-link";

interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  transport: "smtp" | "outbox";
  sentAt: Date | null;
  error: string | null;
  createdAt: Date;
}

/**
 * The Outbox. Its messages held setup links, so it is for the roles that may create links (owner and
 * admin). A kept (undelivered) message shows its link again only while the link is active.
 */
export async function listOutbox(ctx: ServiceContext, limit = 50): Promise<OutboxMessage[]> {
  requireRole(ctx, "admin");
  const now = nowOf(ctx);
  const rows = await ctx.db
    .select({ message: mailMessages, linkExpiresAt: portalLinks.expiresAt, linkRevokedAt: portalLinks.revokedAt })
    .from(mailMessages)
    .leftJoin(portalLinks, eq(portalLinks.id, mailMessages.portalLinkId))
    .orderBy(desc(mailMessages.id))
    .limit(Math.min(Math.max(limit, 1), 200));
  return rows.map(({ message, linkExpiresAt, linkRevokedAt }) => {
    const active = message.sealedLink && linkExpiresAt && linkExpiresAt.getTime() > now.getTime() && !linkRevokedAt;
    const link = active ? openSealedLink(message.sealedLink!, message.id) : null;
    const text = link ? message.text.split(LINK_PLACEHOLDER).join(link) : message.text;
    return {
      id: message.id,
      to: message.to,
      subject: message.subject,
      text,
      transport: message.transport,
      sentAt: message.sentAt,
      error: message.error,
      createdAt: message.createdAt,
    };
  });
}

/** A link sealed under an earlier ENCRYPTION_KEY cannot be opened: the message shows without it. */
function openSealedLink(sealed: string, mailId: string): string | null {
  try {
    return decryptSecret(sealed, sealedLinkPurpose(mailId));
  } catch {
    return null;
  }
}
