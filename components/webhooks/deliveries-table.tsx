"use client";

import { useQuery } from "@tanstack/react-query";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { ChevronDown, ChevronRight, Send } from "lucide-react";
import { Fragment, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, EmptyState, Skeleton } from "@/components/ui/feedback";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { DeliveryDetail } from "./delivery-detail";
import { DeliveryState } from "./delivery-state";
import type { Delivery } from "./types";

const column = createColumnHelper<Delivery>();
const columns = [
  column.accessor("event", {
    header: "Event",
    cell: (c) => (
      <span className="flex items-center gap-2">
        <code className="font-mono text-xs">{c.getValue()}</code>
        {c.row.original.test ? <span className="text-xs text-slate-500">(test)</span> : null}
      </span>
    ),
  }),
  column.accessor("state", { header: "Status", cell: (c) => <DeliveryState delivery={c.row.original} /> }),
  column.accessor("attempts", { header: "Attempts" }),
  column.accessor("lastStatusCode", {
    header: "Response",
    cell: (c) => (c.getValue() ? `HTTP ${c.getValue()}` : c.row.original.lastError ? "No answer" : "—"),
  }),
  column.accessor("lastDurationMs", { header: "Duration", cell: (c) => (c.getValue() === null ? "—" : `${c.getValue()} ms`) }),
  column.accessor("nextAttemptAt", { header: "Next retry", cell: (c) => <Time value={c.getValue() as string | null} withTime fallback="—" /> }),
  column.accessor("createdAt", { header: "Created", cell: (c) => <Time value={c.getValue() as unknown as string} withTime /> }),
];

/** An endpoint's recent deliveries; a row opens to its attempts, bodies and Resend. Refreshes while any is pending. */
export function DeliveriesTable({ endpointId, canEdit }: { endpointId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.webhooks.deliveries.queryOptions({ endpointId }),
    refetchInterval: (q) => (q.state.data?.deliveries.some((d) => d.state === "pending") ? 2000 : 15_000),
  });
  const [open, setOpen] = useState<string | null>(null);
  const table = useReactTable({ data: query.data?.deliveries ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (d) => d.id });

  if (query.isError)
    return (
      <div className="p-5">
        <Alert title="Could not load deliveries">{query.error.message}</Alert>
      </div>
    );
  if (query.data && query.data.deliveries.length === 0) {
    return (
      <EmptyState icon={Send} title="No deliveries yet">
        Events this endpoint is subscribed to appear here as they are sent. Use “Send test event” to try the receiver now.
      </EmptyState>
    );
  }
  return (
    <Table aria-label="Recent deliveries">
      <thead>
        <tr>
          <Th>
            <span className="sr-only">Details</span>
          </Th>
          {table.getFlatHeaders().map((h) => (
            <Th key={h.id}>{flexRender(h.column.columnDef.header, h.getContext())}</Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {query.isPending
          ? Array.from({ length: 3 }, (_, i) => (
              <tr key={i}>
                {Array.from({ length: columns.length + 1 }, (_, j) => (
                  <Td key={j}>
                    <Skeleton className="h-4 w-16" />
                  </Td>
                ))}
              </tr>
            ))
          : table.getRowModel().rows.map((row) => {
              const expanded = open === row.id;
              return (
                <Fragment key={row.id}>
                  <tr>
                    <Td className="w-10 pr-0">
                      <button
                        type="button"
                        aria-expanded={expanded}
                        aria-controls={`delivery-${row.id}`}
                        aria-label={`${expanded ? "Hide" : "Show"} details of ${row.original.event}`}
                        onClick={() => setOpen(expanded ? null : row.id)}
                        className="rounded p-1 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
                      >
                        {expanded ? <ChevronDown aria-hidden className="size-4" /> : <ChevronRight aria-hidden className="size-4" />}
                      </button>
                    </Td>
                    {row.getVisibleCells().map((cell) => (
                      <Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Td>
                    ))}
                  </tr>
                  {expanded ? (
                    <tr id={`delivery-${row.id}`}>
                      <td colSpan={columns.length + 1} className="border-t border-slate-200 p-0">
                        <DeliveryDetail delivery={row.original} endpointId={endpointId} canEdit={canEdit} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
      </tbody>
    </Table>
  );
}
