import type { ReactNode } from "react";
import { TRPCProvider } from "@/components/providers/trpc-provider";

/** A directory's screens read and change it through tRPC. */
export default function DirectoryLayout({ children }: { children: ReactNode }) {
  return <TRPCProvider>{children}</TRPCProvider>;
}
