import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { StaffMember } from "@/server/services/staff";
import { currentStaff } from "./current-staff";

/**
 * The signed-in staff member for a dashboard render, or a redirect to sign-in. Cached per request
 * so the layout and the page share one session read and one database lookup.
 */
export const requireStaff = cache(async (): Promise<StaffMember> => {
  const staff = await currentStaff();
  if (!staff) redirect("/sign-in");
  return staff;
});
