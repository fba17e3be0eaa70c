import { and, eq } from "drizzle-orm";
import type { ServiceContext } from "@/server/services/context";
import { connections, ssoSessions } from "@/db/schema";
import { env } from "@/server/env";
import { NotFoundError } from "@/server/errors";
import { peekInResponseTo, peekIssuer } from "@/server/saml/validate";

/** Where Ory Polis's IdPs post every SAML response (its default `acsUrl`). */
const POLIS_ACS_PATH = "/api/oauth/saml";

export function sharedAcsUrl(): string {
  return `${env().publicUrl}${POLIS_ACS_PATH}`;
}

/**
 * Which imported connection a response posted to the shared ACS belongs to. Polis gave every connection
 * one ACS URL, so the path names none: an answer to a request Portico sent names its session (and so its
 * connection); an IdP-initiated response names its IdP by Issuer, which Polis kept unique across tenants.
 * Only connections imported with this ACS are candidates; the signature check that follows still decides.
 */
export async function sharedAcsConnectionId(ctx: ServiceContext, samlResponse: string): Promise<string> {
  const { db } = ctx;
  const acsUrl = sharedAcsUrl();
  const answered = peekInResponseTo(samlResponse);
  if (answered) {
    const [row] = await db
      .select({ id: connections.id })
      .from(ssoSessions)
      .innerJoin(connections, and(eq(connections.organizationId, ssoSessions.organizationId), eq(connections.id, ssoSessions.connectionId)))
      .where(and(eq(ssoSessions.requestId, answered), eq(connections.acsUrlOverride, acsUrl)));
    if (row) return row.id;
  }
  const issuer = peekIssuer(samlResponse);
  if (issuer) {
    const rows = await db
      .select({ id: connections.id })
      .from(connections)
      .where(and(eq(connections.acsUrlOverride, acsUrl), eq(connections.idpEntityId, issuer)))
      .limit(2);
    if (rows.length === 1) return rows[0]!.id;
  }
  throw new NotFoundError("connection");
}
