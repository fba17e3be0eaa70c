import "server-only";
import { getDb } from "@/db/client";
import { getStaffMember, type StaffMember } from "@/server/services/staff";
import { auth } from "./index";

/**
 * The signed-in staff member, read fresh from the database on every request. auth() has already
 * refused a session that was ended server-side (server/auth/index.ts, `jwt` callback); reading the
 * member again means a removed member is out even if their session row somehow remained.
 */
export async function currentStaff(): Promise<StaffMember | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return getStaffMember(await getDb(), id);
}
