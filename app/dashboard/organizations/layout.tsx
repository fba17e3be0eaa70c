import type { ReactNode } from "react";
import { TRPCProvider } from "@/components/providers/trpc-provider";

/** An organization's screens read and change it, and all it holds, through tRPC. */
export default function OrganizationsLayout({ children }: { children: ReactNode }) {
  return <TRPCProvider>{children}</TRPCProvider>;
}
