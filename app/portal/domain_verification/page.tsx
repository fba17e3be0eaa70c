import type { Metadata } from "next";
import { BackToSetup } from "@/components/portal/intent-layout";
import { DomainVerification } from "@/components/portal/domains/domain-verification";
import { openedPortalIntent } from "@/server/portal/gate";

export const metadata: Metadata = { title: "Domain verification" };

export default async function DomainVerificationPage() {
  const { session, branding, successUrl } = await openedPortalIntent("domain_verification");
  return (
    <>
      <BackToSetup className="mb-4" />
      <DomainVerification organizationName={session.organizationName} productName={branding.productName} successUrl={successUrl} />
    </>
  );
}
