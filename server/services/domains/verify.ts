import { and, eq } from "drizzle-orm";
import { recordOwnChange } from "@/server/services/audit-logs/own-changes";
import type { DbOrTx } from "@/db/client";
import { organizationDomains, type DomainCheckRecord, type OrganizationDomainRow } from "@/db/schema";
import { checkTxtRecord } from "@/server/dns/txt";
import { env } from "@/server/env";
import { ConflictError, ForbiddenError } from "@/server/errors";
import { actorLabel } from "@/server/services/actor-label";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { isUniqueViolation } from "@/server/services/pg-errors";
import { completePortalIntent } from "@/server/services/portal/progress";
import { organizationDomainToWire } from "@/server/wire/organizations";
import { recordEvent } from "@/server/services/events/record";
import { findScopedDomain, type OrganizationDomain } from "./scope";
import { requireScope } from "@/server/services/scope";

/** Looks the domain's TXT challenge up in DNS (resolvers and timeout from the environment). */
export function lookUpChallenge(row: OrganizationDomainRow): Promise<DomainCheckRecord> {
  const { DNS_SERVERS, DNS_TIMEOUT_MS } = env();
  return checkTxtRecord(`${row.verificationPrefix}.${row.domain}`, row.verificationToken ?? "", { servers: DNS_SERVERS, timeoutMs: DNS_TIMEOUT_MS });
}

/**
 * Records a check's outcome. A match verifies the domain (events, the organization's audit log with who
 * checked, and the portal intent when every domain the IT admin added is verified); anything else stays
 * pending with what was found.
 */
export async function applyCheck(ctx: ServiceContext, domainId: string, check: DomainCheckRecord, now: Date): Promise<OrganizationDomainRow> {
  const { db } = ctx;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.select().from(organizationDomains).where(eq(organizationDomains.id, domainId)).for("update");
      if (!row) throw new ConflictError("domain_removed", "The domain was removed while it was being checked.");
      if (check.outcome !== "verified" || row.state === "verified") {
        const [updated] = await tx
          .update(organizationDomains)
          .set({ lastCheck: check, lastCheckedAt: now, updatedAt: now })
          .where(eq(organizationDomains.id, row.id))
          .returning();
        return updated!;
      }
      const verified = await markVerified(tx, row, { strategy: "dns", by: "dns", check }, now);
      await recordOwnChange(
        tx,
        { ...ctx, now: () => now },
        {
          organizationId: row.organizationId,
          action: "portico.domain.verified",
          target: { id: row.id, type: "organization_domain", name: row.domain },
          metadata: { strategy: "dns" },
        },
      );
      return verified;
    });
  } catch (error) {
    if (isUniqueViolation(error, "organization_domains_verified_domain_idx")) {
      throw new ConflictError("domain_already_verified", "This domain was verified by another organization first.");
    }
    throw error;
  }
}

async function markVerified(tx: DbOrTx, row: OrganizationDomainRow, how: { strategy: "dns" | "manual"; by: string; check?: DomainCheckRecord }, now: Date) {
  const [updated] = await tx
    .update(organizationDomains)
    .set({
      state: "verified",
      verificationStrategy: how.strategy,
      verifiedBy: how.by,
      verifiedAt: now,
      ...(how.check ? { lastCheck: how.check, lastCheckedAt: now } : {}),
      updatedAt: now,
    })
    .where(eq(organizationDomains.id, row.id))
    .returning();
  await recordEvent(tx, "organization_domain.verified", organizationDomainToWire(updated!), updated!.organizationId, now);
  await completeIfAllPortalDomainsVerified(tx, row.organizationId, now);
  return updated!;
}

/** The domain-verification intent is complete when every domain the IT admin added is verified. */
async function completeIfAllPortalDomainsVerified(tx: DbOrTx, organizationId: string, now: Date) {
  const added = await tx
    .select({ state: organizationDomains.state })
    .from(organizationDomains)
    .where(and(eq(organizationDomains.organizationId, organizationId), eq(organizationDomains.addedBy, "portal")));
  if (added.length > 0 && added.every((d) => d.state === "verified")) await completePortalIntent(tx, organizationId, "domain_verification", now);
}

/** "Verify now" (portal, dashboard and `POST /organization_domains/:id/verify`): checks DNS synchronously. */
export async function verifyDomainNow(ctx: ServiceContext, id: string): Promise<OrganizationDomain & { last_check: DomainCheckRecord | null }> {
  const scope = requireScope(ctx, { intent: "domain_verification", role: "admin" });
  const row = await findScopedDomain(ctx.db, id, scope);
  if (row.state === "verified") return { ...organizationDomainToWire(row), last_check: row.lastCheck };
  const check = await lookUpChallenge(row);
  const updated = await applyCheck(ctx, row.id, check, nowOf(ctx));
  return { ...organizationDomainToWire(updated), last_check: check };
}

/** Staff vouch for a domain themselves (strategy `manual`, recorded with who did it). */
export async function verifyDomainManually(ctx: ServiceContext, id: string): Promise<OrganizationDomain> {
  if (ctx.actor.type === "portal") throw new ForbiddenError("Only the vendor's staff can verify a domain manually.");
  requireScope(ctx, { intent: "domain_verification", role: "admin" });
  const now = nowOf(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await findScopedDomain(tx, id, null, { forUpdate: true });
      if (row.state === "verified") return organizationDomainToWire(row);
      const verified = await markVerified(tx, row, { strategy: "manual", by: actorLabel(ctx) }, now);
      await recordOwnChange(tx, ctx, {
        organizationId: row.organizationId,
        action: "portico.domain.verified",
        target: { id: row.id, type: "organization_domain", name: row.domain },
        metadata: { strategy: "manual" },
      });
      return organizationDomainToWire(verified);
    });
  } catch (error) {
    if (isUniqueViolation(error, "organization_domains_verified_domain_idx")) {
      throw new ConflictError("domain_already_verified", "This domain is already verified by another organization.");
    }
    throw error;
  }
}
