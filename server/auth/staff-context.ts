import "server-only";
import { getDb, type Db } from "@/db/client";
import { UnauthorizedError } from "@/server/errors";
import { noteRequestActor } from "@/server/observability/runtime";
import type { ServiceContext } from "@/server/services/context";
import type { StaffMember } from "@/server/services/staff";
import { currentStaff } from "./current-staff";

/** The service context of a signed-in staff member; the services check the role each change needs. */
export function staffContext(db: Db, staff: StaffMember): ServiceContext {
  return { db, actor: { type: "staff", staffId: staff.id, role: staff.role, email: staff.email } };
}

/**
 * The context of a dashboard server action, from the staff session cookie only. A post without a live
 * session is refused before any service runs.
 */
export async function staffActionContext(): Promise<ServiceContext> {
  const staff = await currentStaff();
  if (!staff) throw new UnauthorizedError("Sign in to continue.");
  noteRequestActor("staff");
  return staffContext(await getDb(), staff);
}
