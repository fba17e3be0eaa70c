import type { ReactNode } from "react";
import { TRPCProvider } from "@/components/providers/trpc-provider";

/** The event log pages through events with tRPC. */
export default function EventsLayout({ children }: { children: ReactNode }) {
  return <TRPCProvider>{children}</TRPCProvider>;
}
