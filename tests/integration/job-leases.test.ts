import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { jobs, type JobRow } from "@/db/schema";
import { runDueJobs, type BatchJobHandler, type JobHandler } from "@/server/jobs/runner";
import { claimDueJobs, enqueueJob, failJob, finishJob, JOB_LEASE_MS, rescheduleJob } from "@/server/services/jobs/queue";
import { createTestDb } from "../support/db";
import { logger } from "@/server/observability/logger";

/**
 * Two workers and one job: the first one's lease runs out while it is still busy, the second claims
 * the job. Whatever the first one reports afterwards must not touch the second one's claim.
 */
let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const t0 = new Date("2031-03-01T10:00:00Z");
const afterLease = new Date(t0.getTime() + JOB_LEASE_MS + 1000);

async function row(id: string): Promise<JobRow> {
  const [found] = await handle.db.select().from(jobs).where(eq(jobs.id, id));
  return found!;
}

async function enqueueOne(kind: string): Promise<string> {
  await enqueueJob(handle.db, { kind, payload: {}, runAt: t0, dedupeKey: `${kind}:1` });
  const [created] = await handle.db
    .select()
    .from(jobs)
    .where(eq(jobs.dedupeKey, `${kind}:1`));
  return created!.id;
}

describe("job leases", () => {
  it("refuses a completion from a worker whose lease expired and whose job another worker claimed", async () => {
    const id = await enqueueOne("lease.finish");
    const [a] = await claimDueJobs(handle.db, t0, 1);
    expect(a).toMatchObject({ id, state: "running" });
    // A stalls past its lease; B finds the job claimable and takes it.
    const [b] = await claimDueJobs(handle.db, afterLease, 1);
    expect(b).toMatchObject({ id, state: "running", attempts: 2 });
    expect(b!.leaseToken).not.toBe(a!.leaseToken);
    const claimedByB = await row(id);

    expect(await finishJob(handle.db, a!, afterLease)).toBe(false);
    expect(await rescheduleJob(handle.db, a!, new Date(afterLease.getTime() + 60_000), afterLease)).toBe(false);
    expect(await failJob(handle.db, a!, new Error("stale worker"), afterLease)).toBe(false);
    expect(await row(id)).toEqual(claimedByB);

    expect(await finishJob(handle.db, b!, afterLease)).toBe(true);
    expect(await row(id)).toMatchObject({ state: "done", leaseToken: null, lockedUntil: null });
    // Done is done: a late duplicate of B's report changes nothing either.
    expect(await finishJob(handle.db, b!, afterLease)).toBe(false);
  });

  it("gives each job of one claim its own lease", async () => {
    await enqueueJob(handle.db, { kind: "lease.batch", payload: {}, runAt: t0, dedupeKey: "lease.batch:1" });
    await enqueueJob(handle.db, { kind: "lease.batch", payload: {}, runAt: t0, dedupeKey: "lease.batch:2" });
    const claimed = await claimDueJobs(handle.db, t0, 10);
    expect(claimed).toHaveLength(2);
    expect(new Set(claimed.map((j) => j.leaseToken)).size).toBe(2);
    // A token from one job does not finish its sibling.
    expect(await finishJob(handle.db, { id: claimed[0]!.id, leaseToken: claimed[1]!.leaseToken }, t0)).toBe(false);
    for (const job of claimed) expect(await finishJob(handle.db, job, t0)).toBe(true);
  });

  it("keeps the second worker's claim when the runner's slow handler finishes after losing its lease", async () => {
    const id = await enqueueOne("lease.slow");
    let claimedByB: JobRow | undefined;
    const slow: JobHandler = async () => {
      // While A's handler runs, its lease expires and worker B claims the job.
      [claimedByB] = await claimDueJobs(handle.db, afterLease, 1);
      return { runAgainAt: new Date(t0.getTime() + 3_600_000) };
    };
    // The runner says so in its log: read the warnings it writes.
    const errors: string[] = [];
    const log = logger();
    const original = log.warn;
    log.warn = ((_line: unknown, message?: string) => errors.push(String(message))) as typeof log.warn;
    try {
      expect(await runDueJobs(handle.db, { "lease.slow": slow }, t0, 1)).toBe(1);
    } finally {
      log.warn = original;
    }
    expect(claimedByB).toMatchObject({ id });
    expect(await row(id)).toMatchObject({ state: "running", leaseToken: claimedByB!.leaseToken, lockedUntil: claimedByB!.lockedUntil });
    expect(errors.join("\n")).toContain("lease lost");

    const failing: JobHandler = async () => {
      throw new Error("B's run failed");
    };
    const later = new Date(claimedByB!.lockedUntil!.getTime() + 1000);
    expect(await runDueJobs(handle.db, { "lease.slow": failing }, later, 1)).toBe(1);
    expect(await row(id)).toMatchObject({ state: "queued", lastError: "B's run failed", leaseToken: null });
  });

  it("runs a batch kind's claimed jobs together and records each outcome only for the holder of its lease", async () => {
    for (const n of [1, 2, 3]) await enqueueJob(handle.db, { kind: "lease.batched", payload: { n }, runAt: t0, dedupeKey: `lease.batched:${n}` });
    let seen: number[] = [];
    let stolen: JobRow | undefined;
    const batch: BatchJobHandler = {
      batch: async (_db, claimed) => {
        seen = claimed.map((j) => Number(j.payload.n)).sort();
        // While the batch runs, one job's lease runs out and another worker claims it.
        [stolen] = await claimDueJobs(handle.db, afterLease, 1);
        return claimed.map((j) => (j.payload.n === 1 ? { done: true } : { runAgainAt: new Date(t0.getTime() + 3_600_000) }));
      },
    };
    const warnings: string[] = [];
    const log = logger();
    const original = log.warn;
    log.warn = ((_line: unknown, message?: string) => warnings.push(String(message))) as typeof log.warn;
    try {
      expect(await runDueJobs(handle.db, { "lease.batched": batch }, t0, 10)).toBe(3);
    } finally {
      log.warn = original;
    }
    expect(seen).toEqual([1, 2, 3]);
    const byN = async (n: number) =>
      (
        await handle.db
          .select()
          .from(jobs)
          .where(eq(jobs.dedupeKey, `lease.batched:${n}`))
      )[0]!;
    const lost = Number(stolen!.payload.n);
    for (const n of [1, 2, 3]) {
      if (n === lost) expect(await byN(n)).toMatchObject({ state: "running", leaseToken: stolen!.leaseToken });
      else if (n === 1) expect(await byN(n)).toMatchObject({ state: "done", leaseToken: null });
      else expect(await byN(n)).toMatchObject({ state: "queued", runAt: new Date(t0.getTime() + 3_600_000), attempts: 0, leaseToken: null });
    }
    expect(warnings).toEqual(["job lease lost before the run finished; its outcome was not recorded"]);
  });
});
