import { and, eq, gte, inArray, lte } from "drizzle-orm";
import { z } from "zod";
import { events } from "@/db/schema";
import { requireRole, type ServiceContext } from "@/server/services/context";
import { listParamsSchema, paginate, type Page } from "@/server/services/pagination";
import { parseInput } from "@/server/services/validate";

export interface EventWire {
  object: "event";
  id: string;
  event: string;
  data: Record<string, unknown>;
  created_at: string;
}

const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 timestamp" }).transform((v) => new Date(v));

export const listEventsSchema = listParamsSchema.extend({
  events: z.array(z.string().min(1).max(100), { error: "events is required" }).min(1, "name at least one event type").max(50),
  organizationId: z.string().max(100).optional(),
  rangeStart: isoDate.optional(),
  rangeEnd: isoDate.optional(),
  // Consumers read the log forwards from where they stopped: oldest first unless asked otherwise.
  order: z.enum(["asc", "desc", "normal"]).default("asc"),
});

/** `GET /events`: the event log, filtered by type, organization and time range. */
export async function listEvents(ctx: ServiceContext, input: z.input<typeof listEventsSchema>): Promise<Page<EventWire>> {
  requireRole(ctx, "viewer");
  const params = parseInput(listEventsSchema, input);
  const where = and(
    inArray(events.event, params.events),
    params.organizationId ? eq(events.organizationId, params.organizationId) : undefined,
    params.rangeStart ? gte(events.createdAt, params.rangeStart) : undefined,
    params.rangeEnd ? lte(events.createdAt, params.rangeEnd) : undefined,
  );
  const page = await paginate(events.id, { ...params, order: params.order === "normal" ? "asc" : params.order }, where, (w, orderBy, limit) =>
    ctx.db.select().from(events).where(w).orderBy(orderBy).limit(limit),
  );
  return {
    data: page.data.map((row) => ({ object: "event", id: row.id, event: row.event, data: row.data, created_at: row.createdAt.toISOString() })),
    listMetadata: page.listMetadata,
  };
}
