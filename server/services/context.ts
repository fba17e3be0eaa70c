import type { PortalIntent, StaffRole } from "@/db/schema";
import type { Db } from "@/db/client";
import { ForbiddenError } from "@/server/errors";

/** Who is acting. Services decide what each actor may do. */
export type Actor =
  | { type: "staff"; staffId: string; role: StaffRole; email: string }
  | { type: "apiKey"; apiKeyId: string }
  | { type: "portal"; sessionId: string; organizationId: string; intents: PortalIntent[] }
  | { type: "system"; reason: string };

export interface ServiceContext {
  db: Db;
  actor: Actor;
  now?: () => Date;
}

export function nowOf(ctx: { now?: () => Date }): Date {
  return ctx.now ? ctx.now() : new Date();
}

const rank: Record<StaffRole, number> = { viewer: 0, admin: 1, owner: 2 };

/**
 * Staff below `role` are refused, and so are IT admins in the portal; API keys and the system act with
 * full rights over the installation.
 */
export function requireRole(ctx: ServiceContext, role: StaffRole): void {
  if (ctx.actor.type === "portal") throw new ForbiddenError("The Admin Portal cannot do this.");
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
