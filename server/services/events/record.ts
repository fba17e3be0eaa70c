import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/server/ids";
import type { EventName, EventPayloads } from "@/server/wire/events";
import { execRows } from "@/server/services/sql";
import { JOBS_CHANNEL } from "@/server/services/jobs/wake";

export type { EventName } from "@/server/wire/events";

/** One event, typed by its name: the only way an event's payload is made. */
export interface PendingEvent<N extends EventName = EventName> {
  name: N;
  data: EventPayloads[N];
  organizationId: string | null;
}

export type AnyPendingEvent = { [N in EventName]: PendingEvent<N> }[EventName];

export function pendingEvent<N extends EventName>(name: N, data: EventPayloads[N], organizationId: string | null = null): PendingEvent<N> {
  return { name, data, organizationId };
}

export const WEBHOOK_DELIVER_JOB = "webhook.deliver";

/**
 * The queueing half of every event insert, as CTEs after `ev` (an insert into events returning
 * id, event): one delivery row and one job for each enabled endpoint subscribed to the event. Shared
 * with the SCIM fast path, which builds its own `ev` inside its single statement.
 */
export function webhookFanOutCtes(): SQL {
  return sql`, d as (
      insert into webhook_deliveries (id, endpoint_id, event_id, event, state, attempts, next_attempt_at, created_at, updated_at)
      select 'delivery_' || substr(ev.id, 7) || substr(e.id, 4), e.id, ev.id, ev.event, 'pending', 0, now(), now(), now()
      from ev join webhook_endpoints e on e.status = 'enabled' and e.events @> jsonb_build_array(ev.event)
      returning id
    ), j as (
      insert into jobs (id, kind, payload, run_at, max_attempts, state, attempts, created_at, updated_at)
      select 'job_' || substr(d.id, 10), ${WEBHOOK_DELIVER_JOB}, jsonb_build_object('deliveryId', d.id), now(), 20, 'queued', 0, now(), now()
      from d
      returning 1
    )`;
}

/** Wakes the delivery workers once the transaction commits (NOTIFY is held until then). */
export async function notifyJobWorkers(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_notify(${JOBS_CHANNEL}, '')`);
}

/** The row an event is stored as: the one place a payload becomes stored data. */
export function eventRow(event: AnyPendingEvent, at: Date) {
  return { id: newId("event"), organization_id: event.organizationId, event: event.name, data: event.data, created_at: at.toISOString() };
}

/**
 * Writes events and queues their webhook deliveries in one statement. Call inside the transaction
 * that makes the change, so the event, its deliveries and the change land together.
 */
export async function recordEvents(tx: DbOrTx, list: AnyPendingEvent[], at?: Date): Promise<void> {
  for (let i = 0; i < list.length; i += 500) {
    const rows = list.slice(i, i + 500).map((e) => eventRow(e, at ?? new Date()));
    const [result] = await execRows<{ n: number }>(
      tx,
      sql`with ev as (
          insert into events (id, organization_id, event, data, created_at)
          select x.id, x.organization_id, x.event, x.data, x.created_at
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, organization_id text, event text, data jsonb, created_at timestamptz)
          returning id, event
        )${webhookFanOutCtes()}
        select (select count(*) from j)::int as n`,
    );
    if (Number(result?.n ?? 0) > 0) await notifyJobWorkers(tx);
  }
}

/** Records one event, typed by name: `recordEvent(tx, "organization.created", organization, organization.id)`. */
export function recordEvent<N extends EventName>(tx: DbOrTx, name: N, data: EventPayloads[N], organizationId?: string | null, at?: Date): Promise<void> {
  return recordEvents(tx, [pendingEvent(name, data, organizationId ?? null) as AnyPendingEvent], at);
}
