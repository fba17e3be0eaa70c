import { and, desc, eq } from "drizzle-orm";
import { connections, ssoSessions, type SamlWarningRecord, type SsoSessionRow } from "@/db/schema";
import { NotFoundError } from "@/server/errors";
import { isOidcConnectionType } from "@/server/oidc/types";
import { prettyXml } from "@/server/saml/xml";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { markIntentStarted } from "@/server/services/portal";
import { findConnection } from "./load";
import { beginSignIn } from "./sign-in";
import { requireScope } from "@/server/services/scope";

interface SsoSessionSummary {
  id: string;
  connectionId: string;
  connectionName: string;
  kind: SsoSessionRow["kind"];
  state: SsoSessionRow["state"];
  userEmail: string | null;
  errorCode: string | null;
  /** Codes of what was accepted but should be fixed at the IdP (certificate_expired, ...). */
  warningCodes: string[];
  createdAt: string;
}

/** The recent sign-in attempts, newest first (the UI sorts them by state on demand). */
export async function listSsoSessions(
  ctx: ServiceContext,
  input: { connectionId?: string; organizationId?: string; limit?: number },
): Promise<SsoSessionSummary[]> {
  const organizationId = requireScope(ctx, { intent: "sso" }) ?? input.organizationId ?? null;
  const rows = await ctx.db
    .select({ session: ssoSessions, connectionId: connections.id, connectionName: connections.name })
    .from(ssoSessions)
    .innerJoin(connections, eq(connections.id, ssoSessions.connectionId))
    .where(
      and(
        organizationId ? eq(ssoSessions.organizationId, organizationId) : undefined,
        input.connectionId ? eq(ssoSessions.connectionId, input.connectionId) : undefined,
      ),
    )
    .orderBy(desc(ssoSessions.createdAt), desc(ssoSessions.id))
    .limit(Math.min(Math.max(input.limit ?? 50, 1), 200));
  return rows.map(({ session, connectionId, connectionName }) => ({
    id: session.id,
    connectionId,
    connectionName,
    kind: session.kind,
    state: session.state,
    userEmail: session.userEmail,
    errorCode: session.errorCode,
    warningCodes: session.warnings.map((w) => w.code),
    createdAt: session.createdAt.toISOString(),
  }));
}

interface SsoSessionDetail extends SsoSessionSummary {
  /** OIDC attempts log JSON (the authorization request, the callback and the ID token's claims). */
  protocol: "saml" | "oidc";
  requestXml: string | null;
  responseXml: string | null;
  /** The response was longer than what is kept: `responseXml` is its beginning only. */
  responseTruncated: boolean;
  profile: Record<string, unknown> | null;
  errorExplanation: string | null;
  warnings: SamlWarningRecord[];
}

/** One attempt for the debugger: the AuthnRequest and decoded response, pretty-printed, and the outcome. */
export async function getSsoSession(ctx: ServiceContext, id: string): Promise<SsoSessionDetail> {
  const organizationId = requireScope(ctx, { intent: "sso" });
  const [row] = await ctx.db
    .select({ session: ssoSessions, connectionId: connections.id, connectionName: connections.name, connectionType: connections.connectionType })
    .from(ssoSessions)
    .innerJoin(connections, eq(connections.id, ssoSessions.connectionId))
    .where(and(eq(ssoSessions.id, id), organizationId ? eq(ssoSessions.organizationId, organizationId) : undefined));
  if (!row) throw new NotFoundError("sso session", id);
  const { session } = row;
  const oidc = isOidcConnectionType(row.connectionType);
  const pretty = (text: string | null) => (text && !oidc ? prettyXml(text) : text);
  return {
    protocol: oidc ? "oidc" : "saml",
    id: session.id,
    connectionId: row.connectionId,
    connectionName: row.connectionName,
    kind: session.kind,
    state: session.state,
    userEmail: session.userEmail,
    errorCode: session.errorCode,
    warningCodes: session.warnings.map((w) => w.code),
    createdAt: session.createdAt.toISOString(),
    requestXml: pretty(session.requestXml),
    // A response cut at 64 KiB is no longer well-formed XML: it is shown as it was kept.
    responseXml: session.responseTruncated ? session.responseXml : pretty(session.responseXml),
    responseTruncated: session.responseTruncated,
    profile: session.profile ?? null,
    errorExplanation: session.errorExplanation,
    warnings: session.warnings,
  };
}

/** "Test sign-in": the real flow, in a new tab, coming back to the portal's session page. */
export async function startTestSignIn(ctx: ServiceContext, connectionId: string) {
  const organizationId = requireScope(ctx, { intent: "sso", role: "admin" });
  const connection = await findConnection(ctx.db, organizationId, connectionId);
  if (ctx.actor.type === "portal") await markIntentStarted(ctx.db, connection.organizationId, "sso", nowOf(ctx));
  return beginSignIn(ctx.db, { connection, kind: "test", now: nowOf(ctx) });
}
