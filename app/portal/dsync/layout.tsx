import type { Metadata } from "next";
import type { ReactNode } from "react";
import { IntentLayout } from "@/components/portal/intent-layout";

export const metadata: Metadata = { title: "Directory Sync · Admin Portal" };

/** The IT admin's Directory Sync screens: the vendor's frame, and the portal session's rights only. */
export default function DirectorySyncLayout({ children }: { children: ReactNode }) {
  return <IntentLayout intent="dsync">{children}</IntentLayout>;
}
