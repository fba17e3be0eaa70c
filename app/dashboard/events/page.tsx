import type { Metadata } from "next";
import { EventsList } from "@/components/events/events-list";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/server/auth/require-staff";

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage() {
  await requireStaff();
  return (
    <>
      <PageHeader title="Events" description="Every change Portico recorded in the last 90 days, as GET /events and webhooks deliver them." />
      <EventsList />
    </>
  );
}
