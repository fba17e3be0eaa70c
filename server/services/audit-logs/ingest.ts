import { sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { auditLogEvents, type AuditLogActor } from "@/db/schema";
import { NotFoundError } from "@/server/errors";
import { newId } from "@/server/ids";
import { requireRole, type ServiceContext } from "@/server/services/context";
import { findOrganizationRow } from "@/server/services/organizations/load";
import { announceAuditLogEvents } from "@/server/services/log-streams/wake";
import { execRows } from "@/server/services/sql";
import { assertMatchesActionSchema } from "./action-schemas";
import { parseAuditLogEventBody, type CreateAuditLogEventBody } from "./event-input";
import type { ApiKeyGate, AuthenticatedApiKey } from "@/server/services/api-keys";
import type { CompletedClaim } from "@/server/services/idempotency";

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

function eventInputOf({ organization_id: organizationId, event }: CreateAuditLogEventBody): AuditLogEventInput {
  return {
    organizationId,
    action: event.action,
    occurredAt: new Date(event.occurred_at),
    actor: event.actor,
    targets: event.targets,
    location: event.context.location,
    userAgent: event.context.user_agent,
    metadata: event.metadata,
  };
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
 * Whether the organization (`o`) has a log stream: only then is a stored event announced to the stream
 * workers (an organization without one costs them nothing). A stream created a moment later starts from its
 * own cursor and is polled anyway.
 */
const streamedSql = sql`exists (select 1 from log_streams ls where ls.organization_id = o.id)`;

/**
 * An insert of `row` (with no schema version) for a CTE: one event per row of `source` (a CTE whose `id` is
 * the organization's) where `where` holds.
 */
function insertRowSql(row: ReturnType<typeof auditLogEventRow>, source: SQL, where: SQL): SQL {
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  return sql`insert into audit_log_events (id, organization_id, action, version, occurred_at, actor_id, actor_name, actor_type, actor, targets,
          search_text, location, user_agent, metadata)
        select ${row.id}, ${source}.id, ${row.action}, null, ${row.occurredAt.toISOString()}::timestamptz, ${row.actorId}, ${row.actorName}, ${row.actorType},
          ${json(row.actor)}::jsonb, ${json(row.targets)}::jsonb, ${row.searchText}, ${row.location}, ${row.userAgent}, ${json(row.metadata)}::jsonb
        from ${source}
        where ${where}
        returning 1`;
}

/**
 * The common case in one statement (one round trip): the organization exists and the action has no schema,
 * so the event is stored as it is. Otherwise nothing is stored, and the answer says which it was. Checking
 * for a schema in the same statement (rather than remembering that an action has none) keeps a schema created
 * on another instance in force from its first moment.
 */
async function insertUnlessSchema(db: DbOrTx, input: AuditLogEventInput): Promise<{ organization: boolean; inserted: boolean; streamed: boolean }> {
  const row = auditLogEventRow(input);
  const [result] = await execRows<{ organization: number | string; inserted: number | string; streamed: boolean | null }>(
    db,
    sql`with o as (
        select o.id, ${streamedSql} as streamed from organizations o where o.id = ${row.organizationId}
      ), ins as (
        ${insertRowSql(row, sql`o`, sql`not exists (select 1 from audit_log_schemas s where s.action = ${row.action})`)}
      )
      select (select count(*) from o) as organization, (select count(*) from ins) as inserted, (select streamed from o) as streamed`,
  );
  return { organization: Number(result?.organization ?? 0) > 0, inserted: Number(result?.inserted ?? 0) > 0, streamed: result?.streamed === true };
}

/**
 * `POST /audit_logs/events` in one statement, for the common case of a valid event without a schema version:
 * the request's key and rate limit (`gate`), its Idempotency-Key (`claim`, stored with the reply), the
 * organization and the action having no schema are checked, and the event stored, in one round trip. Answers
 * null when the body is not such an event, and otherwise the gate's key (null when the secret is not a live
 * key) and whether the event was stored; when it was not, nothing was written but the rate-limit hit, and the
 * caller goes the usual way (which answers 404, a schema error, a replay or a refusal of a reused key).
 */
export async function createAuditLogEventInOneStatement(
  db: Db,
  body: unknown,
  gate: ApiKeyGate,
  claim: CompletedClaim | null,
): Promise<{ key: AuthenticatedApiKey | null; stored: boolean } | null> {
  let parsed: CreateAuditLogEventBody;
  try {
    parsed = parseAuditLogEventBody(body);
  } catch {
    return null;
  }
  const { organization_id: organizationId, event } = parsed;
  if (event.version) return null;
  const claimed = claim ? claim(sql`ok`) : null;
  const row = auditLogEventRow(eventInputOf(parsed));
  const [result] = await execRows<{ gate_key: string | null; gate_count: number | string | null; stored: number | string; streamed: boolean | null }>(
    db,
    sql`with ${gate.ctes}, ok as (
        select o.id, ${streamedSql} as streamed from organizations o
        where o.id = ${organizationId} and ${gate.passes}
          and not exists (select 1 from audit_log_schemas s where s.action = ${row.action})
      )${claimed ? sql`, claim as (${claimed})` : sql``}, ins as (
        ${insertRowSql(row, sql`ok`, claimed ? sql`exists (select 1 from claim)` : sql`true`)}
      )
      select ${gate.columns}, (select count(*) from ins) as stored, (select streamed from ok) as streamed`,
  );
  const key = gate.read(result);
  const stored = Number(result?.stored ?? 0) > 0;
  if (stored && result?.streamed) announceAuditLogEvents(db, organizationId);
  return { key, stored };
}

/** `POST /audit_logs/events`: the integrator's event, checked against its action's schema. */
export async function createAuditLogEvent(ctx: ServiceContext, body: unknown): Promise<void> {
  requireRole(ctx, "admin");
  const parsed = parseAuditLogEventBody(body);
  const { organization_id: organizationId, event } = parsed;
  const input = eventInputOf(parsed);
  // An event naming a schema version always goes through the schema check.
  if (!event.version) {
    const fast = await insertUnlessSchema(ctx.db, input);
    if (!fast.organization) throw new NotFoundError("organization", organizationId);
    if (fast.inserted) {
      if (fast.streamed) announceAuditLogEvents(ctx.db, organizationId);
      return;
    }
  } else await findOrganizationRow(ctx.db, organizationId);
  const version = await assertMatchesActionSchema(ctx.db, event);
  await insertAuditLogEvent(ctx.db, { ...input, version });
  // The insert committed on its own: a stream of this organization may send it now.
  announceAuditLogEvents(ctx.db, organizationId);
}
