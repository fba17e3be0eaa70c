import type { ReactNode } from "react";
import { TRPCProvider } from "@/components/providers/trpc-provider";

/** The sign-in providers screen reads and saves them through tRPC. */
export default function SignInProvidersLayout({ children }: { children: ReactNode }) {
  return <TRPCProvider>{children}</TRPCProvider>;
}
