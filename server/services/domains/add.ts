import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { organizationDomains } from "@/db/schema";
import { ConflictError } from "@/server/errors";
import { actorLabel, addedBy } from "@/server/services/actor-label";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { findOrganizationRow } from "@/server/services/organizations/load";
import { isUniqueViolation } from "@/server/services/pg-errors";
import { parseInput } from "@/server/services/validate";
import { organizationDomainToWire } from "@/server/wire/organizations";
import { recordEvent } from "@/server/services/events/record";
import { markIntentStarted } from "@/server/services/portal";
import { newDomainRow } from "./rows";
import { domainSchema } from "./policy";
import { nextRecheckAt, scheduleRecheck } from "./schedule";
import type { OrganizationDomain } from "./scope";
import { requireScope } from "@/server/services/scope";

export const addDomainSchema = z.object({
  organizationId: z.string({ error: "organization_id is required" }).min(1).max(100),
  domain: domainSchema,
});

/**
 * Adds a pending domain with its DNS challenge and schedules background re-checks. An IT admin adds
 * to their own organization only (the organization id is taken from the session, not the input).
 */
export async function addDomain(ctx: ServiceContext, input: { organizationId?: string; domain: unknown }): Promise<OrganizationDomain> {
  const scoped = requireScope(ctx, { intent: "domain_verification", role: "admin" });
  const data = parseInput(addDomainSchema, { ...input, organizationId: scoped ?? input.organizationId });
  const now = nowOf(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      await findOrganizationRow(tx, data.organizationId, { forUpdate: true });
      const [existing] = await tx
        .select()
        .from(organizationDomains)
        .where(
          and(
            eq(organizationDomains.domain, data.domain),
            eq(organizationDomains.state, "verified"),
            ne(organizationDomains.organizationId, data.organizationId),
          ),
        );
      if (existing) throw new ConflictError("domain_already_verified", `${data.domain} is already verified by another organization.`);
      const [same] = await tx
        .select({ id: organizationDomains.id })
        .from(organizationDomains)
        .where(and(eq(organizationDomains.organizationId, data.organizationId), eq(organizationDomains.domain, data.domain)));
      if (same) throw new ConflictError("domain_exists", `${data.domain} is already added to this organization.`);
      const [row] = await tx
        .insert(organizationDomains)
        .values({
          ...newDomainRow({
            organizationId: data.organizationId,
            domain: data.domain,
            state: "pending",
            addedBy: addedBy(ctx),
            verifiedBy: actorLabel(ctx),
            now,
          }),
        })
        .returning();
      await recordEvent(tx, "organization_domain.created", organizationDomainToWire(row!), row!.organizationId, now);
      await scheduleRecheck(tx, row!.id, now, nextRecheckAt(now, now));
      await markIntentStarted(tx, data.organizationId, "domain_verification", now);
      return organizationDomainToWire(row!);
    });
  } catch (error) {
    if (isUniqueViolation(error, "organization_domains_organization_id_domain_idx")) {
      throw new ConflictError("domain_exists", `${data.domain} is already added to this organization.`);
    }
    throw error;
  }
}
