import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { events } from "@/db/schema";
import { ValidationError } from "@/server/errors";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { listParamsSchema, paginate, type Page } from "@/server/services/pagination";
import { parseInput } from "@/server/services/validate";
import { isoTimestampText } from "@/server/services/sql";
import { JsonText } from "@/server/wire/json-text";

interface EventWire {
  object: "event";
  id: string;
  event: string;
  data: Record<string, unknown>;
  created_at: string;
}

/** One request spans at most 30 days (WorkOS refuses wider ranges the same way). */
const MAX_RANGE_MS = 30 * 24 * 60 * 60_000;

const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 timestamp" }).transform((v) => new Date(v));

export const listEventsSchema = listParamsSchema.extend({
  events: z.array(z.string().min(1).max(100)).min(1, "name at least one event type").max(50).optional(),
  organizationId: z.string().max(100).optional(),
  rangeStart: isoDate.optional(),
  rangeEnd: isoDate.optional(),
  // Consumers read the log forwards from where they stopped: oldest first unless asked otherwise.
  order: z.enum(["asc", "desc", "normal"]).default("asc"),
});

function checkRange(params: z.output<typeof listEventsSchema>, now: Date) {
  if (params.rangeStart && params.after) {
    throw new ValidationError([
      { field: "range_start", code: "range_start_with_after", message: "cannot be combined with after: page with after, or start again from a time" },
    ]);
  }
  if (params.rangeStart && params.rangeEnd && params.rangeEnd < params.rangeStart) {
    throw new ValidationError([{ field: "range_end", code: "range_end_before_start", message: "must not be before range_start" }]);
  }
  const start = params.rangeStart;
  const end = params.rangeEnd ?? now;
  if (start && end.getTime() - start.getTime() > MAX_RANGE_MS) {
    const field = params.rangeEnd ? "range_end" : "range_start";
    throw new ValidationError([{ field, code: "range_too_long", message: "range_start to range_end may span at most 30 days" }]);
  }
}

/** `GET /events` and the dashboard's Events page: the event log, filtered by type, organization and time. */
/** `GET /events`: one page of events, each as its wire JSON text built by the database, ready to send. */
export async function listEventsJson(ctx: ServiceContext, input: z.input<typeof listEventsSchema>): Promise<Page<JsonText>> {
  requireRole(ctx, "viewer");
  const params = parseInput(listEventsSchema, input);
  checkRange(params, nowOf(ctx));
  const where = and(
    params.events ? inArray(events.event, params.events) : undefined,
    params.organizationId ? eq(events.organizationId, params.organizationId) : undefined,
    params.rangeStart ? gte(events.createdAt, params.rangeStart) : undefined,
    params.rangeEnd ? lte(events.createdAt, params.rangeEnd) : undefined,
  );
  // The members of EventWire, in its order.
  const json = sql<string>`json_build_object('object', 'event', 'id', ${events.id}, 'event', ${events.event}, 'data', ${events.data}, 'created_at', ${isoTimestampText(sql`${events.createdAt}`)})::text`;
  const page = await paginate(events.id, { ...params, order: params.order === "normal" ? "asc" : params.order }, where, (w, orderBy, limit) =>
    ctx.db.select({ id: events.id, json }).from(events).where(w).orderBy(orderBy).limit(limit),
  );
  return { data: page.data.map((row) => new JsonText(row.json)), listMetadata: page.listMetadata };
}

/** The same page as objects (the dashboard's events screen). */
export async function listEvents(ctx: ServiceContext, input: z.input<typeof listEventsSchema>): Promise<Page<EventWire>> {
  const page = await listEventsJson(ctx, input);
  return { data: page.data.map((item) => JSON.parse(item.text) as EventWire), listMetadata: page.listMetadata };
}
