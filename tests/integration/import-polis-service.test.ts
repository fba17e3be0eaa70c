import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { polisImportRuns } from "@/db/schema";
import { ValidationError } from "@/server/errors";
import { getPolisImport, runPolisImportJob, startPolisImport } from "@/server/services/import";
import type { ServiceContext } from "@/server/services/context";
import { createTestDb } from "../support/db";
import { startFakePolis, type FakePolis } from "../support/polis-server";

/** The dashboard's import follows the installation's outbound rule (here: no private addresses). */
let handle: DbHandle;
let polis: FakePolis;
let ctx: ServiceContext;

beforeAll(async () => {
  handle = await createTestDb();
  polis = await startFakePolis("key-1");
  ctx = { db: handle.db, actor: { type: "staff", staffId: "user_1", role: "admin", email: "ops@vendor.example.com" } };
});
afterAll(async () => {
  await polis?.close();
  await handle?.close();
});

describe("an import started from the dashboard", () => {
  it("refuses a loopback address at once, naming the field", async () => {
    const error = await startPolisImport(ctx, { url: polis.url, apiKey: "key-1", products: ["crm"] }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([expect.objectContaining({ field: "url", code: "url_address_refused" })]);
  });

  it("refuses a name that resolves to loopback when the job runs, and erases the API key", async () => {
    const run = await startPolisImport(ctx, { url: polis.url.replace("127.0.0.1", "localhost"), apiKey: "key-1", products: ["crm"] });
    const [stored] = await handle.db.select().from(polisImportRuns).where(eq(polisImportRuns.id, run.id));
    expect(stored!.apiKey).toBeTruthy();
    expect(stored!.apiKey).not.toContain("key-1");
    await runPolisImportJob(handle.db, { runId: run.id }, new Date());
    const done = await getPolisImport(ctx, run.id);
    expect(done.state).toBe("done");
    expect(done.report?.tenants).toEqual([
      expect.objectContaining({ tenant: "*", product: "crm", outcome: "failed", error: expect.stringMatching(/private or loopback/) }),
    ]);
    expect(polis.seenAuthorizations).toEqual([]);
    const [after] = await handle.db.select().from(polisImportRuns).where(eq(polisImportRuns.id, run.id));
    expect(after!.apiKey).toBeNull();
  });

  it("is refused to a viewer", async () => {
    const viewer: ServiceContext = { db: handle.db, actor: { type: "staff", staffId: "user_2", role: "viewer", email: "viewer@vendor.example.com" } };
    await expect(startPolisImport(viewer, { url: "https://polis.example.com", apiKey: "k", products: ["crm"] })).rejects.toThrow(/read-only/);
  });
});
