import { eq } from "drizzle-orm";
import { z } from "zod";
import type { ConnectionRow } from "@/db/schema";
import { connections } from "@/db/schema";
import { ValidationError } from "@/server/errors";
import { isOidcConnectionType } from "@/server/oidc/types";
import { recordOwnChange } from "@/server/services/audit-logs/own-changes";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { recordEvent } from "@/server/services/events/record";
import { parseInput } from "@/server/services/validate";
import { connectionEventData } from "./connections";
import { connectionView, findConnection, type ConnectionView } from "./load";
import { requireScope } from "@/server/services/scope";

/** Whether a connection has what a sign-in needs: the IdP's endpoint and identity (SAML), or client and endpoints (OIDC). */
function isConfigured(row: ConnectionRow): boolean {
  if (isOidcConnectionType(row.connectionType)) return Boolean(row.oidcClientId && row.oidcClientSecret && (row.oidcDiscoveryUrl || row.oidcIssuer));
  return Boolean(row.idpSsoUrl && row.idpEntityId);
}

/**
 * Staff (dashboard) and integrators (`PUT /connections/:id {"state"}`) switch a connection on or off without
 * losing its configuration. A configured draft may be activated without a Test sign-in; an unconfigured one
 * cannot sign anyone in, so activating it is refused by name.
 */
export async function setConnectionActive(ctx: ServiceContext, id: string, active: boolean): Promise<ConnectionView> {
  requireRole(ctx, "admin");
  return ctx.db.transaction(async (tx) => {
    const row = await findConnection(tx, requireScope(ctx, { intent: "sso" }), id, { forUpdate: true });
    const state = active ? "active" : "inactive";
    if (row.state === state) return connectionView(tx, row);
    if (active && !isConfigured(row))
      throw new ValidationError([
        { field: "state", code: "connection_not_configured", message: "cannot be active: the connection has no identity provider configuration yet" },
      ]);
    const now = nowOf(ctx);
    const [updated] = await tx.update(connections).set({ state, updatedAt: now }).where(eq(connections.id, id)).returning();
    await recordEvent(tx, active ? "connection.activated" : "connection.deactivated", await connectionEventData(tx, updated!), row.organizationId, now);
    await recordOwnChange(tx, ctx, {
      organizationId: row.organizationId,
      action: active ? "portico.connection.activated" : "portico.connection.deactivated",
      target: { id, type: "connection", name: row.name },
    });
    return connectionView(tx, updated!);
  });
}

const stateSchema = z.object({ state: z.enum(["active", "inactive"], { error: "must be active or inactive" }) });

/** The REST form: `{"state": "active"|"inactive"}`, anything else named as the `state` field's problem. */
export function setConnectionState(ctx: ServiceContext, id: string, input: { state: unknown }): Promise<ConnectionView> {
  const { state } = parseInput(stateSchema, input);
  return setConnectionActive(ctx, id, state === "active");
}
