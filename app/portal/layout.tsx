import type { ReactNode } from "react";
import { ToastProvider } from "@/components/providers/toast-provider";

// Every portal page depends on the IT admin's session cookie; none can be prerendered.
export const dynamic = "force-dynamic";

/** Each feature's screens add the tRPC client where they read or change data through it. */
export default function PortalLayout({ children }: { children: ReactNode }) {
  return <ToastProvider>{children}</ToastProvider>;
}
