import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { BackLink } from "@/components/dashboard/back-link";
import { DirectoriesSection } from "@/components/directory-sync/directories-section";
import { OrganizationDetails } from "@/components/organizations/organization-details";
import { SsoConnections } from "@/components/organizations/sso-connections";
import { ExpiringCertificatesNotice } from "@/components/certificates/expiry-notice";
import { requireStaff } from "@/server/auth/require-staff";
import { portalIntents } from "@/db/schema";
import { intentSummaries } from "@/components/portal/features";
import { hasRole } from "@/server/services/context";
import { intentLabels } from "@/server/services/portal";
import { organizationOrNotFound } from "./organization";

export const metadata: Metadata = { title: "Organization" };

const features = portalIntents.map((intent) => ({ intent, label: intentLabels[intent], description: intentSummaries[intent] }));

export default async function OrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [staff, organization] = await Promise.all([requireStaff(), organizationOrNotFound(id)]);
  return (
    <>
      <BackLink href="/dashboard">Organizations</BackLink>
      <OrganizationDetails initial={organization} canEdit={hasRole(staff.role, "admin")} features={features} />
      <ExpiringCertificatesNotice organizationId={organization.id} className="mt-6" />
      <SsoConnections organizationId={organization.id} />
      <div className="mt-6">
        <DirectoriesSection organizationId={organization.id} />
      </div>
      <LinkCard
        title="Audit logs"
        description="Events recorded for this organization by your app's API and by changes made here and in the Admin Portal."
        href={`/dashboard/organizations/${organization.id}/audit-logs`}
        label="View audit logs"
      />
      <LinkCard
        title="Log stream"
        description="Where this organization's audit-log events are streamed: Datadog, Splunk, S3 or an HTTPS endpoint."
        href={`/dashboard/organizations/${organization.id}/log-stream`}
        label="Manage log stream"
      />
    </>
  );
}

/** A section of the organization that lives on its own page. */
function LinkCard({ title, description, href, label }: { title: string; description: string; href: string; label: string }) {
  return (
    <Card className="mt-6">
      <CardHeader
        title={title}
        description={description}
        action={
          <Link href={href} className={buttonClass("secondary")}>
            {label}
          </Link>
        }
      />
    </Card>
  );
}
