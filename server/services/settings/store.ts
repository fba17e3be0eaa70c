import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { installationSettings } from "@/db/schema";

/**
 * Returns the setting, creating it with `initial()` when absent. Safe when several
 * instances start at once: the first insert wins and everyone reads the winner.
 */
export async function getOrCreateSetting<T>(db: DbOrTx, key: string, initial: () => T): Promise<T> {
  const [existing] = await db.select().from(installationSettings).where(eq(installationSettings.key, key));
  if (existing) return existing.value as T;
  await db
    .insert(installationSettings)
    .values({ key, value: sql`${JSON.stringify(initial())}::jsonb` })
    .onConflictDoNothing();
  const [row] = await db.select().from(installationSettings).where(eq(installationSettings.key, key));
  return row!.value as T;
}

export async function putSetting<T>(db: DbOrTx, key: string, value: T): Promise<T> {
  await db
    .insert(installationSettings)
    .values({ key, value: sql`${JSON.stringify(value)}::jsonb` })
    .onConflictDoUpdate({ target: installationSettings.key, set: { value: sql`${JSON.stringify(value)}::jsonb`, updatedAt: new Date() } });
  return value;
}

export async function getSetting<T>(db: DbOrTx, key: string): Promise<T | undefined> {
  const [row] = await db.select().from(installationSettings).where(eq(installationSettings.key, key));
  return row ? (row.value as T) : undefined;
}

/** Stores `value` unless another instance stored one first; returns whichever won. */
export async function insertSettingIfAbsent<T>(db: DbOrTx, key: string, value: T): Promise<T> {
  await db
    .insert(installationSettings)
    .values({ key, value: sql`${JSON.stringify(value)}::jsonb` })
    .onConflictDoNothing();
  return (await getSetting<T>(db, key))!;
}
