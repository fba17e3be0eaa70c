import type { Metadata } from "next";
import type { ReactNode } from "react";
import { IntentLayout } from "@/components/portal/intent-layout";
import { TRPCProvider } from "@/components/providers/trpc-provider";

export const metadata: Metadata = { title: "Log Streams · Admin Portal" };

/** The IT admin's log stream: the vendor's frame, and the portal session's rights only. */
export default function LogStreamsLayout({ children }: { children: ReactNode }) {
  return (
    <IntentLayout intent="log_streams">
      <TRPCProvider>{children}</TRPCProvider>
    </IntentLayout>
  );
}
