import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { WebhooksPanel } from "@/components/webhooks/webhooks-panel";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const staff = await requireStaff();
  return (
    <>
      <PageHeader title="Webhooks" description="Endpoints in your backend that receive events, signed with WorkOS-Signature, as they happen." />
      <WebhooksPanel canEdit={hasRole(staff.role, "admin")} />
    </>
  );
}
