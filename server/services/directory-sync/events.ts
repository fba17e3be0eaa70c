import { events } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/server/ids";
import type { EventName } from "@/server/services/events/record";

export interface PendingEvent {
  event: EventName;
  data: Record<string, unknown>;
}

/** Many events of one change in one INSERT, so a 50-member PATCH stays one round trip. */
export async function recordEvents(tx: DbOrTx, organizationId: string, list: PendingEvent[], at: Date): Promise<void> {
  if (list.length === 0) return;
  for (let i = 0; i < list.length; i += 500) {
    await tx.insert(events).values(
      list.slice(i, i + 500).map((e) => ({ id: newId("event"), organizationId, event: e.event, data: e.data, createdAt: at })),
    );
  }
}

/** `previous_attributes` of an update: the old value of every top-level wire field that changed. */
export function previousAttributes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === "updated_at" || key === "groups") continue;
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (key === "raw_attributes" || key === "custom_attributes") {
      const inner = previousAttributes((a ?? {}) as Record<string, unknown>, (b ?? {}) as Record<string, unknown>);
      for (const k of Object.keys(inner)) if (!(k in ((a ?? {}) as object))) inner[k] = null;
      previous[key] = inner;
    } else previous[key] = a ?? null;
  }
  return previous;
}
