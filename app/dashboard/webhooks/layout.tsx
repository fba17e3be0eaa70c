import type { ReactNode } from "react";
import { TRPCProvider } from "@/components/providers/trpc-provider";

/** The webhooks screen manages endpoints and their deliveries through tRPC. */
export default function WebhooksLayout({ children }: { children: ReactNode }) {
  return <TRPCProvider>{children}</TRPCProvider>;
}
