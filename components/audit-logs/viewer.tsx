"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronLeft, ChevronRight, ScrollText } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, EmptyState, Skeleton } from "@/components/ui/feedback";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { EventDrawer } from "./event-drawer";
import { ExportButton } from "./export-button";
import { FiltersForm } from "./filters-form";
import { emptyFilters, filterInput, type AuditLogEvent, type ViewerFilterForm } from "./types";

const pageSize = 25;

/**
 * The audit log, newest first, for staff (any organization, by id) and for an IT admin (the portal
 * session's organization: the procedure takes no organization at all).
 */
export function AuditLogViewer({ surface, organizationId }: { surface: "portal" | "staff"; organizationId?: string }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<ViewerFilterForm>(emptyFilters);
  // Keyset paging forward; the stack of earlier cursors makes "Previous" possible.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [open, setOpen] = useState<AuditLogEvent | null>(null);
  const input = { ...filterInput(filters), cursor: cursors.at(-1), limit: pageSize };
  const portal = useQuery({ ...trpc.portal.auditLogs.list.queryOptions(input), enabled: surface === "portal", placeholderData: keepPreviousData });
  const staff = useQuery({
    ...trpc.auditLogs.list.queryOptions({ ...input, organizationId: organizationId ?? "" }),
    enabled: surface === "staff",
    placeholderData: keepPreviousData,
  });
  const query = surface === "portal" ? portal : staff;
  const events = (query.data?.data ?? []) as AuditLogEvent[];
  const filtered = Object.values(filters).some(Boolean);

  return (
    <Card>
      <CardHeader
        title="Events"
        description="Who did what in this organization, newest first."
        action={<ExportButton filters={filters} surface={surface} organizationId={organizationId} />}
      />
      <FiltersForm
        onApply={(f) => {
          setFilters(f);
          setCursors([undefined]);
        }}
      />
      {query.isError ? (
        <div className="px-5 pb-4">
          <Alert title="Could not load the audit log">{query.error.message}</Alert>
        </div>
      ) : null}
      {query.data && events.length === 0 ? (
        <EmptyState icon={ScrollText} title={filtered ? "No events match" : "No events yet"}>
          {filtered ? "Change or clear the filters to see more." : "Events appear here as they are recorded."}
        </EmptyState>
      ) : (
        <Table aria-label="Audit log events" stacked>
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Action</Th>
              <Th>Actor</Th>
              <Th>Targets</Th>
              <Th>Location</Th>
            </tr>
          </thead>
          <tbody>
            {query.isPending
              ? Array.from({ length: 3 }, (_, i) => (
                  <tr key={i}>
                    {Array.from({ length: 5 }, (_, j) => (
                      <Td key={j}>
                        <Skeleton className="h-4 w-24" />
                      </Td>
                    ))}
                  </tr>
                ))
              : events.map((event) => (
                  <tr key={event.id} className="hover:bg-slate-50">
                    <Td label="When">
                      <Time value={event.occurredAt} withTime />
                    </Td>
                    <Td label="Action">
                      <button
                        type="button"
                        onClick={() => setOpen(event)}
                        className="rounded font-mono text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                      >
                        {event.action}
                      </button>
                    </Td>
                    <Td label="Actor">
                      {event.actor.name ?? event.actor.id} <span className="text-xs text-slate-500">({event.actor.type})</span>
                    </Td>
                    <Td label="Targets">
                      <span className="flex max-w-72 flex-wrap gap-1 whitespace-normal">
                        {event.targets.slice(0, 3).map((t, i) => (
                          <Badge key={`${t.id}-${i}`}>{t.name ?? t.id}</Badge>
                        ))}
                        {event.targets.length > 3 ? <Badge>+{event.targets.length - 3}</Badge> : null}
                        {event.targets.length === 0 ? <span className="text-slate-500">—</span> : null}
                      </span>
                    </Td>
                    <Td label="Location" className="font-mono text-xs">
                      {event.context.location}
                    </Td>
                  </tr>
                ))}
          </tbody>
        </Table>
      )}
      <nav aria-label="Pages of events" className="flex items-center justify-end gap-2 border-t border-slate-200 px-5 py-3">
        <Button variant="secondary" size="sm" disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>
          <ChevronLeft aria-hidden className="size-4" /> Newer
        </Button>
        <Button variant="secondary" size="sm" disabled={!query.data?.nextCursor} onClick={() => setCursors((c) => [...c, query.data!.nextCursor!])}>
          Older <ChevronRight aria-hidden className="size-4" />
        </Button>
      </nav>
      <EventDrawer event={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
