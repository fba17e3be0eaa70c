import type { DbOrTx } from "@/db/client";
import { auditLogEvents, type AuditLogActor } from "@/db/schema";
import { newId } from "@/server/ids";
import { requireRole, type ServiceContext } from "@/server/services/context";
import { findOrganizationRow } from "@/server/services/organizations/load";
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

/** Stores one event; the caller has validated it and runs this inside its own transaction when it has one. */
export async function insertAuditLogEvent(db: DbOrTx, input: AuditLogEventInput): Promise<string> {
  const id = newId("audit_log_event");
  await db.insert(auditLogEvents).values({
    id,
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
  });
  return id;
}

/** `POST /audit_logs/events`: the integrator's event, checked against its action's schema. */
export async function createAuditLogEvent(ctx: ServiceContext, body: unknown): Promise<void> {
  requireRole(ctx, "admin");
  const { organization_id: organizationId, event } = parseAuditLogEventBody(body);
  await findOrganizationRow(ctx.db, organizationId);
  const version = await assertMatchesActionSchema(ctx.db, event);
  await insertAuditLogEvent(ctx.db, {
    organizationId,
    action: event.action,
    version,
    occurredAt: new Date(event.occurred_at),
    actor: event.actor,
    targets: event.targets,
    location: event.context.location,
    userAgent: event.context.user_agent,
    metadata: event.metadata,
  });
}
