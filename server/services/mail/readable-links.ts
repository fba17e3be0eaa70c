import { and, eq, isNull, like, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailMessages, portalLinks } from "@/db/schema";
import { encryptSecret } from "@/server/crypto/secrets";
import { sha256Hex } from "@/server/crypto/tokens";
import { LINK_PLACEHOLDER, sealedLinkPurpose } from "./stored-link";

const launchUrl = /https?:\/\/[^\s"'<>]*\/portal\/launch\/([A-Za-z0-9_-]+)/g;

/**
 * Messages an earlier version stored with their link readable: the link leaves the body; an Outbox
 * message keeps it encrypted, as new ones do, so it can still be opened while active (run by the
 * retention job).
 */
export async function sealReadableMailLinks(db: Db): Promise<number> {
  const rows = await db
    .select()
    .from(mailMessages)
    .where(and(isNull(mailMessages.sealedLink), or(like(mailMessages.text, "%/portal/launch/%"), like(mailMessages.html, "%/portal/launch/%"))))
    .limit(500);
  for (const row of rows) {
    const [first] = [...row.text.matchAll(launchUrl)];
    let sealed: { portalLinkId: string; sealedLink: string } | null = null;
    if (row.transport === "outbox" && first) {
      const [link] = await db
        .select({ id: portalLinks.id })
        .from(portalLinks)
        .where(eq(portalLinks.tokenHash, sha256Hex(first[1]!)));
      if (link) sealed = { portalLinkId: link.id, sealedLink: encryptSecret(first[0], sealedLinkPurpose(row.id)) };
    }
    await db
      .update(mailMessages)
      .set({ text: row.text.replace(launchUrl, LINK_PLACEHOLDER), html: row.html.replace(launchUrl, LINK_PLACEHOLDER), ...sealed })
      .where(eq(mailMessages.id, row.id));
  }
  return rows.length;
}
