import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SsoSessionDetail } from "@/components/portal/sso/session-detail";
import { dashboardTrpc, loadOrNotFound } from "@/server/trpc/server";
import { Hydrate } from "@/server/trpc/hydrate";

export const metadata: Metadata = { title: "Sign-in attempt" };

export default async function StaffSsoSessionPage({ params }: { params: Promise<{ id: string; connectionId: string; sessionId: string }> }) {
  const { id, connectionId, sessionId } = await params;
  const session = await loadOrNotFound(dashboardTrpc.connections.session.queryOptions({ id: sessionId }));
  const connection = await loadOrNotFound(dashboardTrpc.connections.get.queryOptions({ id: connectionId }));
  if (session.connectionId !== connectionId || connection.organizationId !== id) notFound();
  return (
    <Hydrate>
      <SsoSessionDetail id={sessionId} staffBackHref={`/dashboard/organizations/${id}/connections/${connectionId}`} />
    </Hydrate>
  );
}
