import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Db } from "@/db/client";
import type { StaffRole } from "@/db/schema";
import { DomainError, ValidationError } from "@/server/errors";
import { findTextProblem, textFieldError } from "@/server/input-text";
import { hasRole, type ServiceContext, staffContext } from "@/server/services/context";
import type { StaffMember } from "@/server/services/staff";
import type { PortalSession } from "@/server/services/portal";
import type { PortalIntent } from "@/db/schema";
import { toTRPCError } from "./errors";
import { noteRequestActor } from "@/server/observability/runtime";

/* 1. Context: the database and whoever the request belongs to. */
export interface TRPCContext {
  db: Db;
  staff: StaffMember | null;
  /** The IT admin's portal session, from the portal cookie; never from input. */
  portal: PortalSession | null;
}

/* 2. Init: domain errors become tRPC errors with their field errors attached. */
const t = initTRPC.context<TRPCContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        domainCode: cause instanceof DomainError ? cause.code : null,
        fieldErrors:
          cause instanceof ValidationError
            ? cause.errors
            : cause instanceof ZodError
              ? cause.issues.map((i) => ({ field: i.path.join("."), code: i.code, message: i.message }))
              : null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error);
  return result;
});

/** Input the database could not store is refused before any procedure (or its zod schema) sees it. */
const refuseUnstorableText = t.middleware(async ({ getRawInput, next }) => {
  const problem = findTextProblem(await getRawInput(), "");
  if (problem) throw new ValidationError([textFieldError(problem)]);
  return next();
});

/* 3. The procedure ladder. Each rung narrows ctx, so routers never need `!`. */
const publicProcedure = t.procedure.use(mapDomainErrors).use(refuseUnstorableText);

function staffRung(minimum: StaffRole) {
  return publicProcedure.use(({ ctx, next }) => {
    if (!ctx.staff) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
    noteRequestActor("staff");
    if (!hasRole(ctx.staff.role, minimum)) {
      throw new TRPCError({ code: "FORBIDDEN", message: minimum === "owner" ? "Only an owner can do this." : "Viewers have read-only access." });
    }
    return next({ ctx: { staff: ctx.staff, service: staffContext(ctx.db, ctx.staff) } });
  });
}

/** Any signed-in staff member: reads. */
export const staffProcedure = staffRung("viewer");
/** Owners and admins: changes. Viewers are refused. */
export const editorProcedure = staffRung("admin");
/** Owners only: staff and access management. */
export const ownerProcedure = staffRung("owner");

/** An IT admin with a live portal session. The organization and intents come from the session only. */
export const portalProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.portal) throw new TRPCError({ code: "UNAUTHORIZED", message: "Your portal session has ended. Ask for a new link." });
  const portal = ctx.portal;
  noteRequestActor("portal", portal.organizationId);
  const service: ServiceContext = {
    db: ctx.db,
    actor: { type: "portal", sessionId: portal.sessionId, organizationId: portal.organizationId, intents: portal.intents },
  };
  return next({ ctx: { portal, service } });
});

/** A portal procedure for one feature: refused unless the link was made for that intent. */
export function intentProcedure(intent: PortalIntent) {
  return portalProcedure.use(({ ctx, next }) => {
    if (!ctx.portal.intents.includes(intent)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "This link does not include that feature." });
    }
    return next();
  });
}
