import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { polisImportRuns, type PolisImportRunRow } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { NotFoundError, ValidationError } from "@/server/errors";
import { newId } from "@/server/ids";
import type { JobOutcome } from "@/server/jobs/runner";
import { refusedLiteral } from "@/server/net/outbound";
import { actorLabel } from "@/server/services/actor-label";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { enqueueJob } from "@/server/services/jobs/queue";
import { outboundPolicy } from "@/server/services/sso/oidc-policy";
import { parseInput } from "@/server/services/validate";
import { importFromPolis, polisImportInput, type PolisImportInput } from "./polis";
import { polisClient } from "./polis-client";
import type { PolisImportReport } from "./polis-report";

export const POLIS_IMPORT_JOB = "import.polis";
const KEY_PURPOSE = "polis-import-api-key";

interface PolisImportRunView {
  id: string;
  state: PolisImportRunRow["state"];
  dryRun: boolean;
  url: string;
  products: string[];
  total: number;
  completed: number;
  report: PolisImportReport | null;
  error: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

function view(row: PolisImportRunRow): PolisImportRunView {
  return {
    id: row.id,
    state: row.state,
    dryRun: row.dryRun,
    url: row.url,
    products: row.products,
    total: row.total,
    completed: row.completed,
    report: (row.report as PolisImportReport | null) ?? null,
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The dashboard's import: checked at once, run as a background job (its progress and report are read back).
 * Calls to Polis follow the installation's outbound rule: no private or loopback address unless allowed.
 */
export async function startPolisImport(ctx: ServiceContext, input: PolisImportInput): Promise<PolisImportRunView> {
  requireRole(ctx, "admin");
  const data = parseInput(polisImportInput, input);
  const refused = refusedLiteral(new URL(data.url), outboundPolicy().allowPrivate);
  if (refused)
    throw new ValidationError([
      { field: "url", code: "url_address_refused", message: `points to a private or loopback address (${refused}), which Portico does not call` },
    ]);
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(polisImportRuns)
      .values({
        id: newId("polis_import"),
        dryRun: data.dryRun,
        url: new URL(data.url).toString().replace(/\/+$/, ""),
        products: [...new Set(data.products)],
        apiKey: encryptSecret(data.apiKey, KEY_PURPOSE),
        createdBy: actorLabel(ctx),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await enqueueJob(tx, { kind: POLIS_IMPORT_JOB, payload: { runId: row!.id }, maxAttempts: 1 });
    return view(row!);
  });
}

export async function getPolisImport(ctx: ServiceContext, id: string): Promise<PolisImportRunView> {
  requireRole(ctx, "viewer");
  const runId = parseInput(z.string().min(1).max(100), id);
  const [row] = await ctx.db.select().from(polisImportRuns).where(eq(polisImportRuns.id, runId));
  if (!row) throw new NotFoundError("import", runId);
  return view(row);
}

export async function listPolisImports(ctx: ServiceContext): Promise<PolisImportRunView[]> {
  requireRole(ctx, "viewer");
  const rows = await ctx.db.select().from(polisImportRuns).orderBy(desc(polisImportRuns.createdAt)).limit(10);
  return rows.map(view);
}

/** The job: imports with progress after each tenant; the API key is erased however the run ends. */
export async function runPolisImportJob(db: Db, payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  const [row] = await db
    .select()
    .from(polisImportRuns)
    .where(eq(polisImportRuns.id, String(payload.runId)));
  if (row?.state !== "queued" || !row.apiKey) return { done: true };
  await db.update(polisImportRuns).set({ state: "running", updatedAt: now }).where(eq(polisImportRuns.id, row.id));
  try {
    const apiKey = decryptSecret(row.apiKey, KEY_PURPOSE);
    const report = await importFromPolis(
      { db, actor: { type: "system", reason: `dashboard import ${row.id}` } },
      { url: row.url, apiKey, products: row.products, dryRun: row.dryRun },
      {
        client: polisClient({ url: row.url, apiKey, allowPrivate: outboundPolicy().allowPrivate }),
        tokens: false,
        onProgress: async (completed, total) => {
          await db.update(polisImportRuns).set({ completed, total, updatedAt: new Date() }).where(eq(polisImportRuns.id, row.id));
        },
      },
    );
    await db
      .update(polisImportRuns)
      .set({ state: "done", report: report as unknown as Record<string, unknown>, apiKey: null, updatedAt: new Date() })
      .where(eq(polisImportRuns.id, row.id));
  } catch (error) {
    await db
      .update(polisImportRuns)
      .set({ state: "failed", error: error instanceof Error ? error.message.slice(0, 500) : "failed", apiKey: null, updatedAt: new Date() })
      .where(eq(polisImportRuns.id, row.id));
  }
  return { done: true };
}
