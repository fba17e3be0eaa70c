import type { PortalIntent, StaffRole } from "@/db/schema";
import { type Db, getDb } from "@/db/client";
import { ForbiddenError } from "@/server/errors";

/** Who is acting. Services decide what each actor may do. */
export type Actor =
  | { type: "staff"; staffId: string; role: StaffRole; email: string }
  | { type: "apiKey"; apiKeyId: string }
  | { type: "portal"; sessionId: string; organizationId: string; intents: PortalIntent[] }
  | { type: "system"; reason: string }
  /** An identity provider calling in: a SAML response, an OIDC callback, a SCIM request. */
  | { type: "idp"; protocol: IdpProtocol }
  /** A request no session or key vouches for yet: its own token, code or signature is the credential. */
  | { type: "public"; entry: PublicEntry };

type IdpProtocol = "saml" | "oidc" | "scim";
type PublicEntry = "sign-in" | "invitation" | "portal-link" | "sso" | "audit-log-export";

export interface ServiceContext {
  db: Db;
  actor: Actor;
  now?: () => Date;
}

export function nowOf(ctx: { now?: () => Date }): Date {
  return ctx.now ? ctx.now() : new Date();
}

/** The context of an entry point whose actor is known before any service runs (routes, pages, actions). */
export async function openContext(actor: Actor): Promise<ServiceContext> {
  return { db: await getDb(), actor };
}

export function idpContext(db: Db, protocol: IdpProtocol): ServiceContext {
  return { db, actor: { type: "idp", protocol } };
}

export function publicContext(db: Db, entry: PublicEntry): ServiceContext {
  return { db, actor: { type: "public", entry } };
}

export function staffContext(db: Db, staff: { id: string; role: StaffRole; email: string }): ServiceContext {
  return { db, actor: { type: "staff", staffId: staff.id, role: staff.role, email: staff.email } };
}

const rank: Record<StaffRole, number> = { viewer: 0, admin: 1, owner: 2 };

/**
 * Staff below `role` are refused, and so are IT admins in the portal, identity providers and public
 * entry points; API keys and the system act with full rights over the installation.
 */
export function requireRole(ctx: ServiceContext, role: StaffRole): void {
  if (ctx.actor.type === "portal") throw new ForbiddenError("The Admin Portal cannot do this.");
  if (ctx.actor.type === "idp" || ctx.actor.type === "public") throw new ForbiddenError("Sign in to do this.");
  if (ctx.actor.type !== "staff") return;
  if (rank[ctx.actor.role] < rank[role]) {
    throw new ForbiddenError(role === "owner" ? "Only an owner can do this." : "Viewers have read-only access.");
  }
}

export function staffActor(ctx: ServiceContext): Extract<Actor, { type: "staff" }> {
  if (ctx.actor.type !== "staff") throw new ForbiddenError("Only signed-in staff can do this.");
  return ctx.actor;
}

export function hasRole(actualRole: StaffRole, needed: StaffRole): boolean {
  return rank[actualRole] >= rank[needed];
}
