import { and, eq, exists, ilike, inArray } from "drizzle-orm";
import { union } from "drizzle-orm/pg-core";
import { organizationDomains, organizations } from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import { paginate, type Page } from "@/server/services/pagination";
import { parseInput } from "@/server/services/validate";
import { normalizeDomain } from "./domains";
import { withDomains, type Organization } from "./load";
import { listOrganizationsSchema, type ListOrganizationsInput } from "./schemas";

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listOrganizations(ctx: ServiceContext, input: ListOrganizationsInput): Promise<Page<Organization>> {
  const params = parseInput(listOrganizationsSchema, input);
  const domains = (params.domains ?? []).map((d) => normalizeDomain(d) ?? d.trim().toLowerCase()).filter(Boolean);
  const hasDomain = (condition: ReturnType<typeof inArray>) =>
    exists(
      ctx.db
        .select({ one: organizationDomains.id })
        .from(organizationDomains)
        .where(and(eq(organizationDomains.organizationId, organizations.id), condition)),
    );
  const search = params.search ? likePattern(params.search) : undefined;
  const where = and(
    domains.length ? hasDomain(inArray(organizationDomains.domain, domains)) : undefined,
    // Names and domains are searched apart, so each uses its trigram index, and the two id lists joined.
    search
      ? inArray(
          organizations.id,
          union(
            ctx.db.select({ id: organizations.id }).from(organizations).where(ilike(organizations.name, search)),
            ctx.db.select({ id: organizationDomains.organizationId }).from(organizationDomains).where(ilike(organizationDomains.domain, search)),
          ),
        )
      : undefined,
  );
  const page = await paginate(organizations.id, params, where, (w, orderBy, limit) =>
    ctx.db.select().from(organizations).where(w).orderBy(orderBy).limit(limit),
  );
  return { data: await withDomains(ctx.db, page.data), listMetadata: page.listMetadata };
}
