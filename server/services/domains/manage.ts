import { asc, eq } from "drizzle-orm";
import { organizationDomains, type OrganizationDomainRow } from "@/db/schema";
import { ConflictError } from "@/server/errors";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { findOrganizationRow } from "@/server/services/organizations/load";
import { organizationDomainToWire } from "@/server/wire/organizations";
import { recordEvent } from "@/server/services/events/record";
import { nextRecheckAt, scheduleRecheck } from "./schedule";
import { findScopedDomain, type OrganizationDomain } from "./scope";
import { requireScope } from "@/server/services/scope";

/** The wire shape plus what the screens show: the last check, who added and who verified the domain. */
function domainDetail(row: OrganizationDomainRow) {
  return {
    ...organizationDomainToWire(row),
    last_check: row.lastCheck,
    last_checked_at: row.lastCheckedAt?.toISOString() ?? null,
    added_by: row.addedBy,
    verified_by: row.verifiedBy,
  };
}

export async function getDomain(ctx: ServiceContext, id: string) {
  return domainDetail(await findScopedDomain(ctx.db, id, requireScope(ctx, { intent: "domain_verification" })));
}

/** Every domain of an organization (the IT admin's own organization in the portal), with its last check. */
export async function listDomains(ctx: ServiceContext, organizationId?: string) {
  const scoped = requireScope(ctx, { intent: "domain_verification" }) ?? organizationId;
  if (!scoped) return [];
  await findOrganizationRow(ctx.db, scoped);
  const rows = await ctx.db.select().from(organizationDomains).where(eq(organizationDomains.organizationId, scoped)).orderBy(asc(organizationDomains.id));
  return rows.map(domainDetail);
}

/** An IT admin may remove only domains that are not verified; staff and the API may remove any. */
export async function removeDomain(ctx: ServiceContext, id: string): Promise<OrganizationDomain> {
  const scope = requireScope(ctx, { intent: "domain_verification", role: "admin" });
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await findScopedDomain(tx, id, scope, { forUpdate: true });
    if (ctx.actor.type === "portal" && row.state === "verified") {
      throw new ConflictError("domain_verified", "A verified domain can only be removed by the vendor's staff.");
    }
    await tx.delete(organizationDomains).where(eq(organizationDomains.id, row.id));
    await recordEvent(tx, "organization_domain.deleted", organizationDomainToWire(row), row.organizationId, now);
    return organizationDomainToWire(row);
  });
}

/** "Re-check now" for a failed domain puts it back to pending and restarts the background checks. */
export async function restartVerification(ctx: ServiceContext, id: string): Promise<OrganizationDomain> {
  const scope = requireScope(ctx, { intent: "domain_verification", role: "admin" });
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await findScopedDomain(tx, id, scope, { forUpdate: true });
    if (row.state !== "failed") return organizationDomainToWire(row);
    const [updated] = await tx.update(organizationDomains).set({ state: "pending", updatedAt: now }).where(eq(organizationDomains.id, row.id)).returning();
    await scheduleRecheck(tx, row.id, now, nextRecheckAt(now, now));
    return organizationDomainToWire(updated!);
  });
}
