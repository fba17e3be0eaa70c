import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { polisImportItems, type PolisImportKind } from "@/db/schema";

/** What an earlier import made of a Polis source, and the fingerprint of the source it made it from. */
interface Mapped {
  targetId: string;
  fingerprint: string;
}

export async function mapped(tx: DbOrTx, kind: PolisImportKind, sourceKey: string): Promise<Mapped | null> {
  const [row] = await tx
    .select()
    .from(polisImportItems)
    .where(and(eq(polisImportItems.kind, kind), eq(polisImportItems.sourceKey, sourceKey)));
  return row ?? null;
}

export async function remember(
  tx: DbOrTx,
  item: { kind: PolisImportKind; sourceKey: string; organizationId: string; targetId: string; fingerprint: string },
  now: Date,
) {
  await tx
    .insert(polisImportItems)
    .values({ ...item, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [polisImportItems.kind, polisImportItems.sourceKey],
      set: { organizationId: item.organizationId, targetId: item.targetId, fingerprint: item.fingerprint, updatedAt: now },
    });
}
