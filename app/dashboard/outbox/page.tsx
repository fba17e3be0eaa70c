import type { Metadata } from "next";
import { Outbox } from "@/components/settings/outbox";
import { PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Outbox" };

export default function OutboxPage() {
  return (
    <>
      <PageHeader title="Outbox" description="Email Portico sends to your customers' IT admins." />
      <Outbox />
    </>
  );
}
