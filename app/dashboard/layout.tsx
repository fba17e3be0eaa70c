import type { ReactNode } from "react";
import { DashboardShell } from "@/components/dashboard/shell";
import { ToastProvider } from "@/components/providers/toast-provider";
import { TRPCProvider } from "@/components/providers/trpc-provider";
import { requireStaff } from "@/server/auth/require-staff";

// Every dashboard page depends on who is signed in; none can be prerendered.
export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff();
  return (
    <TRPCProvider>
      <ToastProvider>
        <DashboardShell email={staff.email} role={staff.role}>
          {children}
        </DashboardShell>
      </ToastProvider>
    </TRPCProvider>
  );
}
