import type { ReactNode } from "react";
import { ToastProvider } from "@/components/providers/toast-provider";
import { TRPCProvider } from "@/components/providers/trpc-provider";

// Every portal page depends on the IT admin's session cookie; none can be prerendered.
export const dynamic = "force-dynamic";

export default function PortalLayout({ children }: { children: ReactNode }) {
  return (
    <TRPCProvider>
      <ToastProvider>{children}</ToastProvider>
    </TRPCProvider>
  );
}
