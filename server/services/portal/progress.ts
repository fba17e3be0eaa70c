import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { portalIntentProgress, type PortalIntent } from "@/db/schema";
import { activeSetupLink, revokeLink } from "./links";

export type IntentStatus = "not_started" | "in_progress" | "complete";

export async function intentStatuses(db: DbOrTx, organizationId: string, intents: PortalIntent[]): Promise<Record<PortalIntent, IntentStatus>> {
  const rows = intents.length
    ? await db
        .select()
        .from(portalIntentProgress)
        .where(and(eq(portalIntentProgress.organizationId, organizationId), inArray(portalIntentProgress.intent, intents)))
    : [];
  const statuses = {} as Record<PortalIntent, IntentStatus>;
  for (const intent of intents) statuses[intent] = rows.find((r) => r.intent === intent)?.state ?? "not_started";
  return statuses;
}

export interface IntentProgress {
  intent: PortalIntent;
  status: IntentStatus;
  /** When the feature last changed state; null while not started. */
  changedAt: Date | null;
}

/** Where each feature stands and since when, for staff managing a setup link. */
export async function intentProgress(db: DbOrTx, organizationId: string, intents: PortalIntent[]): Promise<IntentProgress[]> {
  const rows = intents.length
    ? await db
        .select()
        .from(portalIntentProgress)
        .where(and(eq(portalIntentProgress.organizationId, organizationId), inArray(portalIntentProgress.intent, intents)))
    : [];
  return intents.map((intent) => {
    const row = rows.find((r) => r.intent === intent);
    return { intent, status: row?.state ?? "not_started", changedAt: row?.updatedAt ?? null };
  });
}

/** Marks an intent as begun (when the IT admin opens its screens), unless it is already complete. */
export async function markIntentStarted(db: DbOrTx, organizationId: string, intent: PortalIntent, now = new Date()): Promise<void> {
  await db.insert(portalIntentProgress).values({ organizationId, intent, state: "in_progress", createdAt: now, updatedAt: now }).onConflictDoNothing();
}

/**
 * The completion hook. Each feature calls this, inside the transaction that finishes its setup
 * (first successful test sign-in, first SCIM request, every domain verified, ...). When every
 * intent of the organization's active setup link is complete, that link is revoked automatically.
 */
export async function completePortalIntent(tx: DbOrTx, organizationId: string, intent: PortalIntent, now = new Date()): Promise<{ setupLinkRevoked: boolean }> {
  await tx
    .insert(portalIntentProgress)
    .values({ organizationId, intent, state: "complete", createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [portalIntentProgress.organizationId, portalIntentProgress.intent],
      set: { state: "complete", updatedAt: now },
      setWhere: ne(portalIntentProgress.state, sql`'complete'`),
    });
  const link = await activeSetupLink(tx, organizationId, now);
  if (!link) return { setupLinkRevoked: false };
  const statuses = await intentStatuses(tx, organizationId, link.intents);
  if (!link.intents.every((i) => statuses[i] === "complete")) return { setupLinkRevoked: false };
  await revokeLink(tx, link.id, "completed", now);
  return { setupLinkRevoked: true };
}
