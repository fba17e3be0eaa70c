import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditLogEvents, type AuditLogActor } from "@/db/schema";
import { NotFoundError } from "@/server/errors";
import { newId } from "@/server/ids";
import { requireRole, type ServiceContext } from "@/server/services/context";
import { findOrganizationRow } from "@/server/services/organizations/load";
import { announceAuditLogEvents } from "@/server/services/log-streams/wake";
import { execRows } from "@/server/services/sql";
import { assertMatchesActionSchema } from "./action-schemas";
import { parseAuditLogEventBody } from "./event-input";

export interface AuditLogEventInput {
  organizationId: string;
  action: string;
  version?: number | null;
  occurredAt: Date;
  actor: AuditLogActor;
  targets: AuditLogActor[];
  location: string;
  userAgent?: string | null;
  metadata?: Record<string, string | number | boolean> | null;
}

function searchTextOf(actor: AuditLogActor, targets: AuditLogActor[]): string {
  return [actor, ...targets]
    .flatMap((e) => [e.name ?? "", e.id])
    .join(" ")
    .toLowerCase();
}

/** The row an audit-log event is stored as. */
export function auditLogEventRow(input: AuditLogEventInput) {
  return {
    id: newId("audit_log_event"),
    organizationId: input.organizationId,
    action: input.action,
    version: input.version ?? null,
    occurredAt: input.occurredAt,
    actorId: input.actor.id,
    actorName: input.actor.name ?? null,
    actorType: input.actor.type,
    actor: input.actor,
    targets: input.targets,
    searchText: searchTextOf(input.actor, input.targets),
    location: input.location,
    userAgent: input.userAgent ?? null,
    metadata: input.metadata ?? null,
  };
}

/** Stores one event; the caller has validated it and runs this inside its own transaction when it has one. */
export async function insertAuditLogEvent(db: DbOrTx, input: AuditLogEventInput): Promise<string> {
  const row = auditLogEventRow(input);
  await db.insert(auditLogEvents).values(row);
  return row.id;
}

/**
 * The common case in one statement (one round trip): the organization exists and the action has no schema,
 * so the event is stored as it is. Otherwise nothing is stored, and the answer says which it was. Checking
 * for a schema in the same statement (rather than remembering that an action has none) keeps a schema created
 * on another instance in force from its first moment.
 */
async function insertUnlessSchema(db: DbOrTx, input: AuditLogEventInput): Promise<{ organization: boolean; inserted: boolean }> {
  const row = auditLogEventRow(input);
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  const [result] = await execRows<{ organization: number | string; inserted: number | string }>(
    db,
    sql`with o as (
        select id from organizations where id = ${row.organizationId}
      ), ins as (
        insert into audit_log_events (id, organization_id, action, version, occurred_at, actor_id, actor_name, actor_type, actor, targets,
          search_text, location, user_agent, metadata)
        select ${row.id}, o.id, ${row.action}, null, ${row.occurredAt.toISOString()}::timestamptz, ${row.actorId}, ${row.actorName}, ${row.actorType},
          ${json(row.actor)}::jsonb, ${json(row.targets)}::jsonb, ${row.searchText}, ${row.location}, ${row.userAgent}, ${json(row.metadata)}::jsonb
        from o
        where not exists (select 1 from audit_log_schemas s where s.action = ${row.action})
        returning 1
      )
      select (select count(*) from o) as organization, (select count(*) from ins) as inserted`,
  );
  return { organization: Number(result?.organization ?? 0) > 0, inserted: Number(result?.inserted ?? 0) > 0 };
}

/** `POST /audit_logs/events`: the integrator's event, checked against its action's schema. */
export async function createAuditLogEvent(ctx: ServiceContext, body: unknown): Promise<void> {
  requireRole(ctx, "admin");
  const { organization_id: organizationId, event } = parseAuditLogEventBody(body);
  const input: AuditLogEventInput = {
    organizationId,
    action: event.action,
    occurredAt: new Date(event.occurred_at),
    actor: event.actor,
    targets: event.targets,
    location: event.context.location,
    userAgent: event.context.user_agent,
    metadata: event.metadata,
  };
  // An event naming a schema version always goes through the schema check.
  if (!event.version) {
    const fast = await insertUnlessSchema(ctx.db, input);
    if (!fast.organization) throw new NotFoundError("organization", organizationId);
    if (fast.inserted) {
      announceAuditLogEvents(ctx.db, organizationId);
      return;
    }
  } else await findOrganizationRow(ctx.db, organizationId);
  const version = await assertMatchesActionSchema(ctx.db, event);
  await insertAuditLogEvent(ctx.db, { ...input, version });
  // The insert committed on its own: a stream of this organization may send it now.
  announceAuditLogEvents(ctx.db, organizationId);
}
