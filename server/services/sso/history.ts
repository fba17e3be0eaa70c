import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { connectionChanges, type ConnectionChangeKind } from "@/db/schema";
import { newId } from "@/server/ids";
import { actorDescription } from "@/server/services/actor-label";
import { recordOwnChange, type OwnChangeAction } from "@/server/services/audit-logs/own-changes";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { findConnection } from "./load";
import { requireScope } from "@/server/services/scope";

const auditActions: Partial<Record<ConnectionChangeKind, OwnChangeAction>> = {
  configured: "portico.connection.configured",
  metadata_refreshed: "portico.connection.metadata_refreshed",
  certificate_added: "portico.connection.certificate_added",
  certificate_retired: "portico.connection.certificate_retired",
};

/**
 * One change to a connection: a row in its history and, for changes to what it trusts, the same in the
 * organization's audit log. Call it inside the transaction that makes the change.
 */
export async function recordConnectionChange(
  tx: DbOrTx,
  ctx: ServiceContext,
  input: {
    organizationId: string;
    connectionId: string;
    connectionName: string;
    kind: ConnectionChangeKind;
    summary: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const now = nowOf(ctx);
  await tx.insert(connectionChanges).values({
    id: newId("conn_change"),
    organizationId: input.organizationId,
    connectionId: input.connectionId,
    kind: input.kind,
    summary: input.summary,
    actor: actorDescription(ctx),
    details: input.details ?? {},
    createdAt: now,
  });
  const action = auditActions[input.kind];
  if (!action) return;
  await recordOwnChange(tx, ctx, {
    organizationId: input.organizationId,
    action,
    target: { id: input.connectionId, type: "connection", name: input.connectionName },
    metadata: { summary: input.summary.slice(0, 500) },
  });
}

interface ConnectionChangeView {
  id: string;
  kind: ConnectionChangeKind;
  summary: string;
  actor: string;
  createdAt: string;
}

/** A connection's history, newest first (the last 100 changes). */
export async function listConnectionChanges(ctx: ServiceContext, connectionId: string): Promise<ConnectionChangeView[]> {
  const connection = await findConnection(ctx.db, requireScope(ctx, { intent: "sso" }), connectionId);
  const rows = await ctx.db
    .select()
    .from(connectionChanges)
    .where(and(eq(connectionChanges.organizationId, connection.organizationId), eq(connectionChanges.connectionId, connection.id)))
    .orderBy(desc(connectionChanges.createdAt), desc(connectionChanges.id))
    .limit(100);
  return rows.map((r) => ({ id: r.id, kind: r.kind, summary: r.summary, actor: r.actor, createdAt: r.createdAt.toISOString() }));
}

export function describeCertificate(c: { subject: string; notAfter: Date; fingerprint: string }): string {
  return `${c.subject} (expires ${c.notAfter.toISOString().slice(0, 10)}, SHA-256 ${c.fingerprint.slice(0, 11)}…)`;
}
