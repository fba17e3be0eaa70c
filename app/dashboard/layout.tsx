import type { ReactNode } from "react";
import { DashboardShell } from "@/components/dashboard/shell";
import { ToastProvider } from "@/components/providers/toast-provider";
import { requireStaff } from "@/server/auth/require-staff";

// Every dashboard page depends on who is signed in; none can be prerendered.
export const dynamic = "force-dynamic";

/** Each screen adds the tRPC client where it reads or changes data through it: the organizations list needs none. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff();
  return (
    <ToastProvider>
      <DashboardShell email={staff.email} role={staff.role}>
        {children}
      </DashboardShell>
    </ToastProvider>
  );
}
