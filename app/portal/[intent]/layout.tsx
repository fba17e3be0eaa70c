import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { portalIntents, type PortalIntent } from "@/db/schema";
import { IntentLayout } from "@/components/portal/intent-layout";

export default async function IntentPlaceholderLayout({ params, children }: { params: Promise<{ intent: string }>; children: ReactNode }) {
  const { intent } = await params;
  if (!(portalIntents as readonly string[]).includes(intent)) notFound();
  return (
    <IntentLayout intent={intent as PortalIntent} width="narrow">
      {children}
    </IntentLayout>
  );
}
