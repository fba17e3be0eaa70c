import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { ValidationError, describeFieldErrors } from "@/server/errors";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { createOrganization } from "@/server/services/organizations";
import type { PolisConnection, PolisDirectory } from "./polis-client";
import { importConnection } from "./polis-connection";
import { importDirectory } from "./polis-directory";
import { mapped, remember } from "./polis-items";
import { defaultPortalName, fingerprintOf, tenantKey } from "./polis-map";
import { tenantOutcome, type ConnectionReport, type DirectoryReport, type ImportOutcome, type TenantReport } from "./polis-report";

export interface TenantSource {
  tenant: string;
  product: string;
  connections: PolisConnection[];
  directories: PolisDirectory[];
}

class Rollback extends Error {}

/**
 * Imports one Polis tenant+product into one organization, in one transaction: a tenant is imported
 * whole or not at all. A dry run does the same work and rolls it back, so its plan is exactly the run's.
 */
export async function importTenant(
  ctx: ServiceContext,
  source: TenantSource,
  options: { dryRun: boolean; polisSp: { entityId: string; acsUrl: string } | null; tokens: boolean },
): Promise<TenantReport> {
  const name = defaultPortalName(source.tenant, source.product);
  let report: TenantReport | undefined;
  try {
    await ctx.db.transaction(async (tx) => {
      const txCtx: ServiceContext = { ...ctx, db: tx as unknown as Db };
      const now = nowOf(ctx);
      const key = tenantKey(source.tenant, source.product);
      const previous = await mapped(tx, "organization", key);
      const [existing] = previous
        ? await tx.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, previous.targetId))
        : [];
      let organizationId = existing?.id;
      const orgOutcome: ImportOutcome = organizationId ? "unchanged" : "created";
      if (!organizationId) {
        // Polis signs in any email its IdP vouches for: the organization keeps that until domains are added.
        organizationId = (await createOrganization(txCtx, { name, allowProfilesOutsideOrganization: true })).id;
        await remember(tx, { kind: "organization", sourceKey: key, organizationId, targetId: organizationId, fingerprint: fingerprintOf(key) }, now);
      }
      const connectionReports: ConnectionReport[] = [];
      for (const connection of source.connections) connectionReports.push(await importConnection(tx, organizationId, connection, options, now));
      const directoryReports: DirectoryReport[] = [];
      for (const directory of source.directories) directoryReports.push(await importDirectory(txCtx, tx, organizationId, directory, options, now));
      const dry = options.dryRun;
      report = {
        tenant: source.tenant,
        product: source.product,
        organizationId: dry && orgOutcome === "created" ? null : organizationId,
        organizationName: existing?.name ?? name,
        outcome: tenantOutcome(orgOutcome, [...connectionReports, ...directoryReports]),
        error: null,
        connections: dry ? connectionReports.map((c) => (c.outcome === "created" ? { ...c, connectionId: null } : c)) : connectionReports,
        directories: dry
          ? directoryReports.map((d) => (d.outcome === "created" ? { ...d, directoryId: null, scimBaseUrl: null, bearerToken: undefined } : d))
          : directoryReports,
      };
      if (dry) throw new Rollback();
    });
  } catch (error) {
    if (error instanceof Rollback && report) return report;
    const message = error instanceof ValidationError ? describeFieldErrors(error.errors) : error instanceof Error ? error.message : String(error);
    return {
      tenant: source.tenant,
      product: source.product,
      organizationId: null,
      organizationName: name,
      outcome: "failed",
      error: message,
      connections: [],
      directories: [],
    };
  }
  return report!;
}
