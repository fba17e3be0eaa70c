import type { Metadata } from "next";
import { SsoSessionDetail } from "@/components/portal/sso/session-detail";

export const metadata: Metadata = { title: "Sign-in attempt" };

export default async function PortalSsoSessionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SsoSessionDetail id={id} />;
}
