import { organizationDomainToWire } from "@/server/wire/organizations";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizationDomains } from "@/db/schema";
import type { JobOutcome } from "@/server/jobs/runner";
import { recordEvent } from "@/server/services/events/record";
import { nextRecheckAt, RECHECK_WINDOW_MS } from "./schedule";
import { applyCheck, lookUpChallenge } from "./verify";

/**
 * The background re-check of one pending domain: verified once the record appears; after seven days
 * of trying, failed with the last reason. A domain verified or removed meanwhile ends the job.
 */
export async function recheckDomain(db: Db, payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  const id = String(payload.domainId ?? "");
  const [row] = await db.select().from(organizationDomains).where(eq(organizationDomains.id, id));
  if (row?.state !== "pending") return { done: true };
  const since = typeof payload.since === "string" ? new Date(payload.since) : row.createdAt;
  const check = await lookUpChallenge(row);
  // The re-check job is the actor in the organization's audit log, as staff are for a manual verification.
  const updated = await applyCheck({ db, actor: { type: "system", reason: "domain re-check" } }, row.id, check, now);
  if (updated.state === "verified") return { done: true };
  if (now.getTime() - since.getTime() >= RECHECK_WINDOW_MS) {
    await db.transaction(async (tx) => {
      const [failed] = await tx.update(organizationDomains).set({ state: "failed", updatedAt: now }).where(eq(organizationDomains.id, row.id)).returning();
      await recordEvent(
        tx,
        "organization_domain.verification_failed",
        { reason: "domain_verification_period_expired", organization_domain: organizationDomainToWire(failed!) },
        failed!.organizationId,
        now,
      );
    });
    return { done: true };
  }
  return { runAgainAt: nextRecheckAt(since, now) };
}
