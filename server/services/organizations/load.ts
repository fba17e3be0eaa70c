import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { organizationDomains, organizations, type OrganizationRow } from "@/db/schema";
import { ConflictError, NotFoundError } from "@/server/errors";
import { organizationToWire, type OrganizationWire } from "@/server/wire/organizations";

export type Organization = OrganizationWire;

export async function withDomains(db: DbOrTx, rows: OrganizationRow[]): Promise<Organization[]> {
  if (rows.length === 0) return [];
  const domains = await db
    .select()
    .from(organizationDomains)
    .where(
      inArray(
        organizationDomains.organizationId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(organizationDomains.id));
  return rows.map((row) =>
    organizationToWire(
      row,
      domains.filter((d) => d.organizationId === row.id),
    ),
  );
}

export async function findOrganizationRow(db: DbOrTx, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(organizations).where(eq(organizations.id, id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("organization", id);
  return row;
}

export async function loadOrganization(db: DbOrTx, id: string): Promise<Organization> {
  const row = await findOrganizationRow(db, id);
  const [organization] = await withDomains(db, [row]);
  return organization!;
}

/** A domain another organization has verified cannot be claimed again. */
export async function assertDomainsUnclaimed(db: DbOrTx, organizationId: string | null, domains: string[]): Promise<void> {
  if (domains.length === 0) return;
  const [claimed] = await db
    .select({ domain: organizationDomains.domain })
    .from(organizationDomains)
    .where(
      and(
        inArray(organizationDomains.domain, domains),
        eq(organizationDomains.state, "verified"),
        organizationId ? ne(organizationDomains.organizationId, organizationId) : undefined,
      ),
    )
    .limit(1);
  if (claimed) {
    throw new ConflictError("domain_already_verified", `The domain ${claimed.domain} is already verified by another organization.`);
  }
}

/**
 * The organization whose verified domain this is, or null. Only a verified domain names its organization:
 * a pending claim proves nothing.
 */
export async function organizationOwningDomain(db: DbOrTx, domain: string): Promise<string | null> {
  const [owner] = await db
    .select({ organizationId: organizationDomains.organizationId })
    .from(organizationDomains)
    .where(and(eq(organizationDomains.domain, domain.trim().toLowerCase()), eq(organizationDomains.state, "verified")))
    .limit(1);
  return owner?.organizationId ?? null;
}

export async function assertExternalIdFree(db: DbOrTx, externalId: string, exceptId?: string): Promise<void> {
  const [taken] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.externalId, externalId), exceptId ? ne(organizations.id, exceptId) : undefined))
    .limit(1);
  if (taken) throw externalIdConflict(externalId);
}

export function externalIdConflict(externalId: string | null | undefined): ConflictError {
  return new ConflictError("external_id_conflict", `An organization with external_id '${externalId}' already exists.`);
}
