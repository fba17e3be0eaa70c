import { organizationDomains, organizations } from "@/db/schema";
import { newId } from "@/server/ids";
import { newDomainRow } from "@/server/services/domains/rows";
import { nextRecheckAt, scheduleRecheck } from "@/server/services/domains/schedule";
import { actorLabel, addedBy } from "@/server/services/actor-label";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { recordEvent } from "@/server/services/events/record";
import { parseInput } from "@/server/services/validate";
import { assertDomainsUnclaimed, assertExternalIdFree, externalIdConflict, loadOrganization, type Organization } from "./load";
import { createOrganizationSchema, type CreateOrganizationInput } from "./schemas";
import { isUniqueViolation } from "@/server/services/pg-errors";

export function uniqueDomainData(domainData: { domain: string; state: "verified" | "pending" }[]) {
  const byDomain = new Map<string, "verified" | "pending">();
  for (const item of domainData) {
    // When a domain is listed twice, "verified" wins over "pending".
    if (byDomain.get(item.domain) !== "verified") byDomain.set(item.domain, item.state);
  }
  return [...byDomain].map(([domain, state]) => ({ domain, state }));
}

export async function createOrganization(ctx: ServiceContext, input: CreateOrganizationInput): Promise<Organization> {
  requireRole(ctx, "admin");
  const data = parseInput(createOrganizationSchema, input);
  const domainData = uniqueDomainData(data.domainData ?? []);
  const now = nowOf(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      if (data.externalId) await assertExternalIdFree(tx, data.externalId);
      await assertDomainsUnclaimed(
        tx,
        null,
        domainData.filter((d) => d.state === "verified").map((d) => d.domain),
      );
      const id = newId("org");
      await tx.insert(organizations).values({
        id,
        name: data.name,
        externalId: data.externalId ?? null,
        stripeCustomerId: data.stripeCustomerId ?? null,
        metadata: data.metadata ?? {},
        allowProfilesOutsideOrganization: data.allowProfilesOutsideOrganization ?? false,
        createdAt: now,
        updatedAt: now,
      });
      if (domainData.length) {
        const rows = domainData.map((d) =>
          newDomainRow({ organizationId: id, domain: d.domain, state: d.state, addedBy: addedBy(ctx), verifiedBy: actorLabel(ctx), now }),
        );
        await tx.insert(organizationDomains).values(rows);
        for (const row of rows) if (row.state === "pending") await scheduleRecheck(tx, row.id!, now, nextRecheckAt(now, now));
      }
      const organization = await loadOrganization(tx, id);
      await recordEvent(tx, "organization.created", organization, id, now);
      return organization;
    });
  } catch (error) {
    if (isUniqueViolation(error, "organizations_external_id_idx")) throw externalIdConflict(data.externalId);
    throw error;
  }
}
