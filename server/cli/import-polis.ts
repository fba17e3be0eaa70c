import { parseArgs } from "node:util";
import type { Db } from "@/db/client";
import { importFromPolis, polisClient, reportTable } from "@/server/services/import";

export const importPolisUsage = `  import-polis --url URL --api-key KEY --product P [--product P2] [--dry-run] [--json]
                                          import Ory Polis (BoxyHQ Jackson) SSO connections and SCIM
                                          directories of each product: one organization per tenant+product;
                                          a rerun updates what changed. --dry-run prints the plan and
                                          writes nothing.
                                          New SCIM bearer tokens are printed once.`;

/** Exit code 0 when every tenant imported, 1 when any failed (the others are imported all the same). */
export async function importPolis(args: string[], openDb: () => Promise<Db>): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: "string" },
      "api-key": { type: "string" },
      product: { type: "string", multiple: true },
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
    },
  });
  const apiKey = values["api-key"];
  if (!values.url || !apiKey || !values.product?.length) {
    console.error(`import-polis needs --url, --api-key and at least one --product\n\n${importPolisUsage}`);
    return 2;
  }
  const products = values.product.flatMap((p) => p.split(",")).filter(Boolean);
  const db = await openDb();
  // The operator runs the CLI on their own network: a Polis on loopback or a private address is theirs to name.
  const client = polisClient({ url: values.url, apiKey, allowPrivate: true });
  const report = await importFromPolis(
    { db, actor: { type: "system", reason: "cli import-polis" } },
    { url: values.url, apiKey, products, dryRun: values["dry-run"] ?? false },
    {
      client,
      tokens: true,
      onProgress: values.json ? undefined : (done, total) => void process.stderr.write(`\rImporting tenants: ${done}/${total}`),
    },
  );
  if (!values.json) process.stderr.write("\n");
  console.log(values.json ? JSON.stringify(report, null, 2) : reportTable(report));
  return report.totals.failed > 0 ? 1 : 0;
}
