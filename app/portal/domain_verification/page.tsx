import type { Metadata } from "next";
import { BackToSetup, renderIntentPage } from "@/components/portal/intent-gate";
import { DomainVerification } from "@/components/portal/domains/domain-verification";

export const metadata: Metadata = { title: "Domain verification" };

export default async function DomainVerificationPage() {
  return renderIntentPage("domain_verification", ({ session, branding, successUrl }) => (
    <>
      <BackToSetup className="mb-4" />
      <DomainVerification organizationName={session.organizationName} productName={branding.productName} successUrl={successUrl} />
    </>
  ));
}
