import type { DbOrTx } from "@/db/client";
import type { AuditLogActor } from "@/db/schema";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { insertAuditLogEvent } from "./ingest";

/** Portico's own actions in an organization's audit log, named like the integrators' (`resource.verb`). */
export type OwnChangeAction =
  | "portico.connection.configured"
  | "portico.connection.deleted"
  | "portico.connection.activated"
  | "portico.connection.deactivated"
  | "portico.connection.metadata_refreshed"
  | "portico.connection.certificate_added"
  | "portico.connection.certificate_retired"
  | "portico.directory.token_regenerated"
  | "portico.directory.reset"
  | "portico.domain.verified"
  | "portico.setup_link.created"
  | "portico.setup_link.revoked"
  | "portico.log_stream.created"
  | "portico.log_stream.updated"
  | "portico.log_stream.paused"
  | "portico.log_stream.resumed"
  | "portico.log_stream.deleted"
  | "portico.log_stream.test_sent";

/** Who made the change, as the IT admin should read it in their log. */
function actorOf(ctx: ServiceContext): { actor: AuditLogActor; location: string } {
  switch (ctx.actor.type) {
    case "staff":
      return { actor: { id: ctx.actor.staffId, type: "staff", name: ctx.actor.email }, location: "dashboard" };
    case "portal":
      return { actor: { id: ctx.actor.sessionId, type: "it_admin", name: "IT admin (Admin Portal)" }, location: "admin_portal" };
    case "apiKey":
      return { actor: { id: ctx.actor.apiKeyId, type: "api_key", name: "API key" }, location: "api" };
    case "system":
      return { actor: { id: "system", type: "system", name: ctx.actor.reason }, location: "system" };
    case "idp":
      return { actor: { id: `idp:${ctx.actor.protocol}`, type: "system", name: "Identity provider" }, location: "system" };
    case "public":
      return { actor: { id: `public:${ctx.actor.entry}`, type: "system", name: "Public link" }, location: "system" };
  }
}

/**
 * Writes a change Portico made through the portal, the dashboard or the API into the organization's
 * audit log. Call it with the transaction that makes the change, so the row and the change land together.
 */
export async function recordOwnChange(
  tx: DbOrTx,
  ctx: ServiceContext,
  input: {
    organizationId: string;
    action: OwnChangeAction;
    target: { id: string; type: string; name?: string };
    metadata?: Record<string, string | number | boolean>;
  },
): Promise<void> {
  const { actor, location } = actorOf(ctx);
  await insertAuditLogEvent(tx, {
    organizationId: input.organizationId,
    action: input.action,
    occurredAt: nowOf(ctx),
    actor,
    targets: [input.target],
    location,
    metadata: input.metadata ?? null,
  });
}
