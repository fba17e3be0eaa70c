import "server-only";
import { getDb } from "@/db/client";
import { getStaffMember, type StaffMember } from "@/server/services/staff";
import { auth } from "./index";

/**
 * The signed-in staff member, read fresh from the database on every request so that a removed
 * member or a changed role takes effect at once, whatever the session cookie says.
 */
export async function currentStaff(): Promise<StaffMember | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return getStaffMember(await getDb(), id);
}
