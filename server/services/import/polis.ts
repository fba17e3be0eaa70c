import { z } from "zod";
import { requireRole, type ServiceContext } from "@/server/services/context";
import { parseInput } from "@/server/services/validate";
import { PolisApiError, type PolisClient } from "./polis-client";
import { tenantKey } from "./polis-map";
import { totalsOf, type PolisImportReport, type TenantReport } from "./polis-report";
import { importTenant, type TenantSource } from "./polis-tenant";

export const polisImportInput = z.object({
  url: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "must be the http(s) URL of the Polis instance"),
  apiKey: z.string().min(1).max(500),
  /** Polis's admin API lists connections and directories per product: every product to import. */
  products: z.array(z.string().trim().min(1).max(500)).min(1, "name at least one Polis product").max(50),
  dryRun: z.boolean().default(false),
});
export type PolisImportInput = z.input<typeof polisImportInput>;

interface PolisImportOptions {
  client: PolisClient;
  /** The CLI prints new SCIM tokens once; the dashboard's stored report never holds them. */
  tokens: boolean;
  onProgress?: (completed: number, total: number) => Promise<void> | void;
}

/** Reads every tenant of the given products from Polis, grouped as one organization per tenant+product. */
async function readSources(client: PolisClient, products: string[]): Promise<{ sources: TenantSource[]; failed: TenantReport[] }> {
  const byTenant = new Map<string, TenantSource>();
  const failed: TenantReport[] = [];
  const sourceOf = (tenant: string, product: string) => {
    const key = tenantKey(tenant, product);
    let source = byTenant.get(key);
    if (!source) byTenant.set(key, (source = { tenant, product, connections: [], directories: [] }));
    return source;
  };
  for (const product of products) {
    try {
      const [connections, directories] = await Promise.all([client.connections(product), client.directories(product)]);
      for (const c of connections) sourceOf(c.record.tenant, c.record.product).connections.push(c);
      for (const d of directories) sourceOf(d.tenant, d.product).directories.push(d);
    } catch (error) {
      if (!(error instanceof PolisApiError)) throw error;
      // A product Polis would not list is reported as failed; the other products still import.
      failed.push({
        tenant: "*",
        product,
        organizationId: null,
        organizationName: "-",
        outcome: "failed",
        error: error.message,
        connections: [],
        directories: [],
      });
    }
  }
  const sources = [...byTenant.values()].sort((a, b) => a.product.localeCompare(b.product) || a.tenant.localeCompare(b.tenant));
  return { sources, failed };
}

/**
 * Imports Ory Polis's SSO connections and SCIM directories: one organization per tenant+product, each in its
 * own transaction, so a tenant that fails is reported and the others still import. Reruns match earlier
 * imports by Polis's ids and leave what did not change alone.
 */
export async function importFromPolis(ctx: ServiceContext, input: PolisImportInput, options: PolisImportOptions): Promise<PolisImportReport> {
  requireRole(ctx, "admin");
  const data = parseInput(polisImportInput, input);
  const products = [...new Set(data.products)];
  const polisSp = await options.client.spIdentity();
  const { sources, failed } = await readSources(options.client, products);
  const tenants: TenantReport[] = [...failed];
  await options.onProgress?.(0, sources.length);
  for (const [i, source] of sources.entries()) {
    tenants.push(await importTenant(ctx, source, { dryRun: data.dryRun, polisSp, tokens: options.tokens }));
    await options.onProgress?.(i + 1, sources.length);
  }
  return { dryRun: data.dryRun, source: new URL(data.url).origin, polisSp, tenants, totals: totalsOf(tenants) };
}
