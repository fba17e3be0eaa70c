import { and, eq, inArray, notInArray } from "drizzle-orm";
import { organizationDomains, organizations } from "@/db/schema";
import { newDomainRow } from "@/server/services/domains/rows";
import { nextRecheckAt, scheduleRecheck } from "@/server/services/domains/schedule";
import { actorLabel, addedBy } from "@/server/services/actor-label";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { recordEvent } from "@/server/services/events/record";
import { parseInput } from "@/server/services/validate";
import { uniqueDomainData } from "./create";
import { assertDomainsUnclaimed, assertExternalIdFree, externalIdConflict, findOrganizationRow, loadOrganization, type Organization } from "./load";
import { updateOrganizationSchema, type UpdateOrganizationInput } from "./schemas";
import { isUniqueViolation } from "@/server/services/pg-errors";

/** Fields compared for `previous_attributes` on `organization.updated`. */
const tracked = ["name", "external_id", "stripe_customer_id", "metadata", "allow_profiles_outside_organization", "domains"] as const;

export async function updateOrganization(ctx: ServiceContext, id: string, input: UpdateOrganizationInput): Promise<Organization> {
  requireRole(ctx, "admin");
  const data = parseInput(updateOrganizationSchema, input);
  const now = nowOf(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      await findOrganizationRow(tx, id, { forUpdate: true });
      const before = await loadOrganization(tx, id);
      if (data.externalId) await assertExternalIdFree(tx, data.externalId, id);
      await tx
        .update(organizations)
        .set({
          ...(data.name !== undefined ? { name: data.name } : {}),
          ...(data.externalId !== undefined ? { externalId: data.externalId } : {}),
          ...(data.stripeCustomerId !== undefined ? { stripeCustomerId: data.stripeCustomerId } : {}),
          ...(data.metadata !== undefined ? { metadata: data.metadata } : {}),
          ...(data.allowProfilesOutsideOrganization !== undefined ? { allowProfilesOutsideOrganization: data.allowProfilesOutsideOrganization } : {}),
          updatedAt: now,
        })
        .where(eq(organizations.id, id));
      if (data.domainData) await replaceDomains(tx, id, uniqueDomainData(data.domainData), now, { label: actorLabel(ctx), addedBy: addedBy(ctx) });
      const after = await loadOrganization(tx, id);
      const previous: Record<string, unknown> = {};
      for (const key of tracked) {
        if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) previous[key] = before[key] ?? null;
      }
      await recordEvent(tx, "organization.updated", { ...after, previous_attributes: previous }, id, now);
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error, "organizations_external_id_idx")) throw externalIdConflict(data.externalId);
    throw error;
  }
}

/** `domain_data` on update is the whole new set: keep rows still listed, add new ones, drop the rest. */
async function replaceDomains(
  tx: Parameters<typeof loadOrganization>[0],
  organizationId: string,
  domainData: { domain: string; state: "verified" | "pending" }[],
  now: Date,
  actor: { label: string; addedBy: "portal" | "staff" | "api" },
) {
  const names = domainData.map((d) => d.domain);
  await assertDomainsUnclaimed(
    tx,
    organizationId,
    domainData.filter((d) => d.state === "verified").map((d) => d.domain),
  );
  await tx
    .delete(organizationDomains)
    .where(and(eq(organizationDomains.organizationId, organizationId), names.length ? notInArray(organizationDomains.domain, names) : undefined));
  if (!names.length) return;
  const existing = await tx
    .select()
    .from(organizationDomains)
    .where(and(eq(organizationDomains.organizationId, organizationId), inArray(organizationDomains.domain, names)));
  for (const item of domainData) {
    const row = existing.find((e) => e.domain === item.domain);
    if (!row) {
      const created = newDomainRow({ organizationId, domain: item.domain, state: item.state, addedBy: actor.addedBy, verifiedBy: actor.label, now });
      await tx.insert(organizationDomains).values(created);
      if (created.state === "pending") await scheduleRecheck(tx, created.id!, now, nextRecheckAt(now, now));
    } else if (item.state === "verified" && row.state !== "verified") {
      await tx
        .update(organizationDomains)
        .set({ state: "verified", verificationStrategy: "manual", verifiedBy: actor.label, verifiedAt: now, updatedAt: now })
        .where(eq(organizationDomains.id, row.id));
    }
  }
}
