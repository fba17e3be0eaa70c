import type { Metadata } from "next";
import { BackLink } from "@/components/dashboard/back-link";
import { intentSummaries } from "@/components/portal/features";
import { SetupLinkPanel } from "@/components/setup-links/setup-link-forms";
import { PageHeader } from "@/components/ui/card";
import { portalIntents } from "@/db/schema";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";
import { intentLabels } from "@/server/services/portal";
import { dashboardTrpc, loadOrNotFound } from "@/server/trpc/server";
import { Hydrate } from "@/server/trpc/hydrate";
import { organizationOrNotFound } from "../organization";

export const metadata: Metadata = { title: "Setup link" };

const features = portalIntents.map((intent) => ({ intent, label: intentLabels[intent], description: intentSummaries[intent] }));

export default async function SetupLinkPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [staff, organization] = await Promise.all([requireStaff(), organizationOrNotFound(id)]);
  await loadOrNotFound(dashboardTrpc.setupLinks.get.queryOptions({ organizationId: id }));
  return (
    <>
      <BackLink href={`/dashboard/organizations/${id}`}>{organization.name}</BackLink>
      <PageHeader title="Setup link" description={`The Admin Portal link an IT admin of ${organization.name} uses to set up its features.`} />
      <Hydrate>
        <SetupLinkPanel organizationId={id} organizationName={organization.name} features={features} canEdit={hasRole(staff.role, "admin")} />
      </Hydrate>
    </>
  );
}
