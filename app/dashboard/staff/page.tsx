import type { Metadata } from "next";
import { ChangePassword } from "@/components/staff/change-password";
import { StaffPanel } from "@/components/staff/staff-panel";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/server/auth/require-staff";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const staff = await requireStaff();
  return (
    <>
      <PageHeader title="Staff" description="Who can sign in to this dashboard, and what they can do." action={<ChangePassword />} />
      <StaffPanel isOwner={staff.role === "owner"} currentStaffId={staff.id} />
    </>
  );
}
