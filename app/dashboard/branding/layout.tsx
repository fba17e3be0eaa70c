import type { ReactNode } from "react";
import { TRPCProvider } from "@/components/providers/trpc-provider";

/** The branding screen reads and saves the portal's look through tRPC. */
export default function BrandingLayout({ children }: { children: ReactNode }) {
  return <TRPCProvider>{children}</TRPCProvider>;
}
