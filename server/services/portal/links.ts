import { and, eq, gt, isNull, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { portalLinks, type PortalIntent, type PortalLinkRow } from "@/db/schema";
import { newToken, sha256Hex } from "@/server/crypto/tokens";
import { env } from "@/server/env";
import { newId } from "@/server/ids";

export const SETUP_LINK_DAYS = 30;
export const API_LINK_MINUTES = 5;

export interface PortalLinkView {
  id: string;
  organizationId: string;
  kind: "setup" | "api";
  intents: PortalIntent[];
  sentTo: string | null;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
}

export function linkView(row: PortalLinkRow): PortalLinkView {
  return {
    id: row.id,
    organizationId: row.organizationId,
    kind: row.kind,
    intents: row.intents,
    sentTo: row.sentTo,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}

export function portalLaunchUrl(token: string): string {
  return `${env().publicUrl}/portal/launch/${token}`;
}

/** Inserts a link; the token is returned this once and only its SHA-256 is stored. */
export async function insertPortalLink(
  tx: DbOrTx,
  values: Omit<typeof portalLinks.$inferInsert, "id" | "tokenHash">,
): Promise<{ row: PortalLinkRow; token: string }> {
  const token = newToken();
  const [row] = await tx
    .insert(portalLinks)
    .values({ id: newId("portal_link"), tokenHash: sha256Hex(token), ...values })
    .returning();
  return { row: row!, token };
}

/** The organization's active setup link, after retiring one whose 30 days are over. */
export async function activeSetupLink(tx: DbOrTx, organizationId: string, now: Date): Promise<PortalLinkRow | null> {
  await tx
    .update(portalLinks)
    .set({ revokedAt: now, revokedReason: "expired" })
    .where(and(eq(portalLinks.organizationId, organizationId), eq(portalLinks.kind, "setup"), isNull(portalLinks.revokedAt), lte(portalLinks.expiresAt, now)));
  const [row] = await tx
    .select()
    .from(portalLinks)
    .where(and(eq(portalLinks.organizationId, organizationId), eq(portalLinks.kind, "setup"), isNull(portalLinks.revokedAt), gt(portalLinks.expiresAt, now)));
  return row ?? null;
}

/**
 * Revokes a link. Its portal sessions end at once because every request checks the link; they are
 * kept until they expire so the IT admin's next page can say the link was revoked.
 */
export async function revokeLink(tx: DbOrTx, linkId: string, reason: "revoked" | "completed", now: Date): Promise<void> {
  await tx
    .update(portalLinks)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(portalLinks.id, linkId), isNull(portalLinks.revokedAt)));
}
