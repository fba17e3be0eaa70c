import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createTestDb } from "../support/db";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const settle = () => new Promise((r) => setTimeout(r, 150));

describe("database pool usage", () => {
  it("counts connections busy and the statements waiting beyond the pool's size", async () => {
    expect(handle.poolUsage()).toEqual({ inUse: 0, waiting: 0 });
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    // Every connection held by an open transaction (the embedded database blocks its thread in pg_sleep, so
    // waiting on a promise is what keeps a connection busy while the test looks), then two more statements.
    const transactions = Promise.all(
      Array.from({ length: handle.poolSize }, () =>
        handle.db.transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          await held;
        }),
      ),
    );
    await settle();
    // Promise.all starts drizzle's statements (they run when first awaited).
    const waiting = Promise.all([handle.db.execute(sql`select 2`), handle.db.execute(sql`select 3`)]);
    await settle();
    expect(handle.poolUsage()).toEqual({ inUse: handle.poolSize, waiting: 2 });
    release();
    await transactions;
    await waiting;
    expect(handle.poolUsage()).toEqual({ inUse: 0, waiting: 0 });
  });

  it("counts a transaction as one connection for its whole length, not once per statement in it", async () => {
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const transaction = handle.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await held;
      await tx.execute(sql`select 2`);
    });
    await settle();
    expect(handle.poolUsage()).toEqual({ inUse: 1, waiting: 0 });
    release();
    await transaction;
    expect(handle.poolUsage()).toEqual({ inUse: 0, waiting: 0 });
  });
});
