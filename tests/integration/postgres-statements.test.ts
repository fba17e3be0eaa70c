import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, runMigrations, type DbHandle } from "@/db/client";
import { execRows } from "@/server/services/sql";
import { createPostgresDatabase, localPostgresUrl } from "../support/db";

/**
 * On Postgres every statement with parameters is sent prepared (described once per connection, then one
 * round trip per execution), in transactions and savepoints too, and each execution is still planned for its
 * own values. Runs on the machine's Postgres whatever database this run tests.
 */
let handle: DbHandle;
let drop = async () => {};
beforeAll(async () => {
  const database = await createPostgresDatabase(localPostgresUrl);
  drop = database.drop;
  handle = await openPostgres(database.url, { max: 2 });
  await runMigrations(handle);
});
afterAll(async () => {
  await handle?.close();
  await drop();
});

const prepared = (text: string) => sql`select count(*)::int as n from pg_prepared_statements where statement = ${text}`;

describe("statements on Postgres", () => {
  it("prepares a statement with parameters on its connection, in a transaction and in a savepoint alike", async () => {
    const probe = "select $1::int + 1 as v";
    const outer = "select $1::text || 'x' as v";
    const found = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select ${41}::int + 1 as v`);
      await tx.execute(sql`select ${"a"}::text || 'x' as v`);
      const inSavepoint = await tx.transaction(async (inner) => {
        await inner.execute(sql`select ${2}::int * 3 as v`);
        return execRows<{ n: number }>(inner, prepared("select $1::int * 3 as v"));
      });
      const [direct] = await execRows<{ n: number }>(tx, prepared(probe));
      const [other] = await execRows<{ n: number }>(tx, prepared(outer));
      return { direct: direct!.n, other: other!.n, inSavepoint: inSavepoint[0]!.n };
    });
    expect(found).toEqual({ direct: 1, other: 1, inSavepoint: 1 });
  });

  it("gives the same answers as before from a statement executed again and again with new values", async () => {
    for (let i = 0; i < 8; i++) {
      const [row] = await execRows<{ v: number; w: string }>(handle.db, sql`select ${i}::int * 2 as v, ${`n${i}`}::text as w`);
      expect(row).toEqual({ v: i * 2, w: `n${i}` });
    }
  });

  it("plans each execution for its own values, except on the plan-once handle, which keeps one plan per statement", async () => {
    const mode = sql`select current_setting('plan_cache_mode') as plan_cache_mode`;
    const [main] = await execRows<{ plan_cache_mode: string }>(handle.db, mode);
    const [once] = await execRows<{ plan_cache_mode: string }>(handle.planOnce, mode);
    expect([main!.plan_cache_mode, once!.plan_cache_mode]).toEqual(["force_custom_plan", "force_generic_plan"]);
    // The plan-once handle prepares its statements too, and answers each execution with its own values.
    const found = await handle.planOnce.transaction(async (tx) => {
      const values = [];
      for (let i = 0; i < 7; i++) values.push((await execRows<{ v: number }>(tx, sql`select ${i}::int + 100 as v`))[0]!.v);
      const [row] = await execRows<{ n: number }>(tx, prepared("select $1::int + 100 as v"));
      return { values, prepared: row!.n };
    });
    expect(found).toEqual({ values: [100, 101, 102, 103, 104, 105, 106], prepared: 1 });
  });
});
