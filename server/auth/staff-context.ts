import "server-only";
import { getDb } from "@/db/client";
import { UnauthorizedError } from "@/server/errors";
import { noteRequestActor } from "@/server/observability/runtime";
import { type ServiceContext, staffContext } from "@/server/services/context";
import { currentStaff } from "./current-staff";

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
