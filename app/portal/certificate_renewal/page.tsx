import type { Metadata } from "next";
import { BackToSetup } from "@/components/portal/intent-layout";
import { CertificateRenewal } from "@/components/portal/certificate-renewal/certificate-renewal";
import { openedPortalIntent } from "@/server/portal/gate";

export const metadata: Metadata = { title: "Certificate renewal" };

export default async function CertificateRenewalPage({ searchParams }: { searchParams: Promise<{ test?: string }> }) {
  const [{ successUrl }, { test }] = await Promise.all([openedPortalIntent("certificate_renewal"), searchParams]);
  return (
    <>
      <BackToSetup className="mb-4" />
      <CertificateRenewal successUrl={successUrl} testId={typeof test === "string" ? test.slice(0, 100) : null} />
    </>
  );
}
