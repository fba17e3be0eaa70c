import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditLogEvents } from "@/db/schema";
import { insertAuditLogEvent } from "@/server/services/audit-logs/ingest";
import { purgeExpiredAuditLogEvents, setAuditLogRetention } from "@/server/services/audit-logs/retention";
import { createOrganization } from "@/server/services/organizations";
import { apiContext } from "../support/context";
import { createTestDb } from "../support/db";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const day = 86_400_000;

describe("audit-log retention", () => {
  it("purges each organization's events older than its own retention and keeps the rest", async () => {
    const ctx = apiContext(handle.db);
    const short = await createOrganization(ctx, { name: "Thirty days" });
    const long = await createOrganization(ctx, { name: "Default year" });
    await setAuditLogRetention(ctx, short.id, { retention_period: "1_MONTH" });
    const now = new Date("2026-12-01T00:00:00Z");
    const add = (organizationId: string, ageDays: number) =>
      insertAuditLogEvent(handle.db, {
        organizationId,
        action: `aged.${ageDays}`,
        occurredAt: new Date(now.getTime() - ageDays * day),
        actor: { id: "u", type: "user" },
        targets: [],
        location: "192.0.2.1",
      });
    await add(short.id, 40);
    await add(short.id, 10);
    await add(long.id, 40);
    await add(long.id, 400);

    expect(await purgeExpiredAuditLogEvents(handle.db, now)).toBe(2);
    const left = await handle.db
      .select({ org: auditLogEvents.organizationId, action: auditLogEvents.action })
      .from(auditLogEvents)
      .orderBy(asc(auditLogEvents.action));
    expect(left.map((r) => [r.org === short.id ? "short" : "long", r.action]).sort()).toEqual([
      ["long", "aged.40"],
      ["short", "aged.10"],
    ]);
  });
});
