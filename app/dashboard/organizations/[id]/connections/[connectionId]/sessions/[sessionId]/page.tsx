import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SsoSessionDetail } from "@/components/portal/sso/session-detail";
import { orNotFound } from "../../../../directories/[directoryId]/directory";

export const metadata: Metadata = { title: "Sign-in attempt" };

export default async function StaffSsoSessionPage({ params }: { params: Promise<{ id: string; connectionId: string; sessionId: string }> }) {
  const { id, connectionId, sessionId } = await params;
  const session = await orNotFound((caller) => caller.connections.session({ id: sessionId }));
  const connection = await orNotFound((caller) => caller.connections.get({ id: connectionId }));
  if (session.connectionId !== connectionId || connection.organizationId !== id) notFound();
  return <SsoSessionDetail id={sessionId} staffBackHref={`/dashboard/organizations/${id}/connections/${connectionId}`} />;
}
