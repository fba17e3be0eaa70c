import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { jobs, rateLimitBuckets } from "@/db/schema";
import { jobHandlers } from "@/server/jobs/handlers";
import { runDueJobs } from "@/server/jobs/runner";
import { hitRateLimit, RATE_LIMIT_PRUNE_JOB, scheduleRateLimitPruning } from "@/server/services/rate-limit";
import { createTestDb } from "../support/db";

let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const minutes = (n: number) => n * 60_000;

describe("rate-limit bucket pruning", () => {
  it("drops buckets whose window is long over on its periodic job, keeps live ones, and runs again later", async () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
    // A stranger cycling addresses leaves one bucket per address.
    for (let i = 0; i < 50; i++) await hitRateLimit(handle.db, `portal_exchange:203.0.113.${i}`, 30, 60_000, at(-minutes(90)));
    await hitRateLimit(handle.db, "portal_exchange:198.51.100.1", 30, 60_000, at(-minutes(2)));
    await hitRateLimit(handle.db, "api:key_live", 30, 60_000, now);

    await scheduleRateLimitPruning(handle.db, now);
    await scheduleRateLimitPruning(handle.db, now);
    const scheduled = await handle.db.select().from(jobs).where(eq(jobs.kind, RATE_LIMIT_PRUNE_JOB));
    expect(scheduled).toHaveLength(1);

    expect(await runDueJobs(handle.db, jobHandlers, now)).toBe(1);
    const left = await handle.db.select({ key: rateLimitBuckets.key }).from(rateLimitBuckets);
    expect(left.map((b) => b.key).sort()).toEqual(["api:key_live", "portal_exchange:198.51.100.1"]);

    const [job] = await handle.db.select().from(jobs).where(eq(jobs.kind, RATE_LIMIT_PRUNE_JOB));
    expect(job?.state).toBe("queued");
    expect(job!.runAt.getTime()).toBeGreaterThan(now.getTime());
    expect(job!.runAt.getTime()).toBeLessThanOrEqual(at(minutes(60)).getTime());
  });

  it("still counts within a live window after pruning", async () => {
    const now = new Date("2026-03-01T13:00:30Z");
    await hitRateLimit(handle.db, "api:key_counted", 1, 60_000, now);
    await runDueJobs(handle.db, jobHandlers, new Date(now.getTime() + minutes(15)));
    await expect(hitRateLimit(handle.db, "api:key_counted", 1, 60_000, now)).rejects.toMatchObject({ code: "rate_limit_exceeded" });
  });
});
