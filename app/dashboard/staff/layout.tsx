import type { ReactNode } from "react";
import { TRPCProvider } from "@/components/providers/trpc-provider";

/** The staff screen lists, invites and changes members through tRPC. */
export default function StaffLayout({ children }: { children: ReactNode }) {
  return <TRPCProvider>{children}</TRPCProvider>;
}
