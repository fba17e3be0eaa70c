"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { ChevronDown, ChevronLeft, ChevronRight, ScrollText } from "lucide-react";
import { Fragment, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState, Skeleton } from "@/components/ui/feedback";
import { Input, Select } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { eventGroups } from "@/components/webhooks/event-groups";

type EventRow = { id: string; event: string; data: Record<string, unknown>; created_at: string };
const column = createColumnHelper<EventRow>();
const organizationOf = (e: EventRow) =>
  (e.data.organization_id ??
    (e.data.object === "organization" ? e.data.id : undefined) ??
    (e.data.organization_domain as { organization_id?: string } | undefined)?.organization_id ??
    (e.data.sso as { organization_id?: string } | undefined)?.organization_id) as string | undefined;
const columns = [
  column.accessor("created_at", { header: "Time", cell: (c) => <Time value={c.getValue()} withTime /> }),
  column.accessor("event", { header: "Type", cell: (c) => <code className="font-mono text-xs">{c.getValue()}</code> }),
  column.display({
    id: "organization",
    header: "Organization",
    cell: (c) => <code className="font-mono text-xs">{organizationOf(c.row.original) ?? "—"}</code>,
  }),
  column.accessor("id", { header: "Event ID", cell: (c) => <code className="font-mono text-xs text-slate-600">{c.getValue()}</code> }),
];

/** A datetime-local value as an ISO timestamp in the reader's zone; empty stays unset. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function EventsList() {
  const trpc = useTRPC();
  const [type, setType] = useState("");
  const [organizationId, setOrganizationId] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [cursors, setCursors] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const filters = { events: type ? [type] : undefined, organizationId: organizationId.trim() || undefined, rangeStart: isoOf(from), rangeEnd: isoOf(to) };
  const query = useQuery({ ...trpc.events.list.queryOptions({ ...filters, after: cursors.at(-1) }), placeholderData: keepPreviousData });
  const table = useReactTable({ data: (query.data?.data ?? []) as EventRow[], columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.id });
  const resetPaging = () => setCursors([]);

  return (
    <div className="space-y-4">
      <form
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4"
        onSubmit={(e) => e.preventDefault()}
        aria-label="Filter events"
      >
        <div>
          <label htmlFor="event-type" className="mb-1.5 block text-sm font-medium text-slate-800">
            Type
          </label>
          <Select id="event-type" value={type} onChange={(e) => (setType(e.target.value), resetPaging())}>
            <option value="">All types</option>
            {eventGroups.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.events.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="event-org" className="mb-1.5 block text-sm font-medium text-slate-800">
            Organization ID
          </label>
          <Input
            id="event-org"
            placeholder="org_…"
            autoComplete="off"
            value={organizationId}
            onChange={(e) => (setOrganizationId(e.target.value), resetPaging())}
          />
        </div>
        <div>
          <label htmlFor="event-from" className="mb-1.5 block text-sm font-medium text-slate-800">
            From
          </label>
          <Input id="event-from" type="datetime-local" value={from} onChange={(e) => (setFrom(e.target.value), resetPaging())} />
        </div>
        <div>
          <label htmlFor="event-to" className="mb-1.5 block text-sm font-medium text-slate-800">
            To
          </label>
          <Input id="event-to" type="datetime-local" value={to} onChange={(e) => (setTo(e.target.value), resetPaging())} />
        </div>
      </form>
      {query.isError ? <Alert title="Could not load events">{query.error.message}</Alert> : null}
      {query.data && query.data.data.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white">
          <EmptyState icon={ScrollText} title="No events match">
            {type || organizationId || from || to
              ? "Try another type, organization or time range."
              : "Events appear here as organizations, domains, connections and directories change."}
          </EmptyState>
        </div>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <Table aria-label="Events">
            <thead>
              <tr>
                <Th>
                  <span className="sr-only">Payload</span>
                </Th>
                {table.getFlatHeaders().map((h) => (
                  <Th key={h.id}>{flexRender(h.column.columnDef.header, h.getContext())}</Th>
                ))}
              </tr>
            </thead>
            <tbody>
              {query.isPending
                ? Array.from({ length: 5 }, (_, i) => (
                    <tr key={i}>
                      {Array.from({ length: 5 }, (_, j) => (
                        <Td key={j}>
                          <Skeleton className="h-4 w-24" />
                        </Td>
                      ))}
                    </tr>
                  ))
                : table.getRowModel().rows.map((row) => (
                    <Fragment key={row.id}>
                      <tr>
                        <Td className="w-10 pr-0">
                          <button
                            type="button"
                            aria-expanded={open === row.id}
                            aria-label={`${open === row.id ? "Hide" : "Show"} payload of ${row.original.event}`}
                            onClick={() => setOpen(open === row.id ? null : row.id)}
                            className="rounded p-1 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
                          >
                            {open === row.id ? <ChevronDown aria-hidden className="size-4" /> : <ChevronRight aria-hidden className="size-4" />}
                          </button>
                        </Td>
                        {row.getVisibleCells().map((cell) => (
                          <Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Td>
                        ))}
                      </tr>
                      {open === row.id ? (
                        <tr>
                          <td colSpan={5} className="border-t border-slate-200 bg-slate-50 p-4">
                            <pre className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs whitespace-pre-wrap break-all text-slate-100">
                              {JSON.stringify(row.original.data, null, 2)}
                            </pre>
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  ))}
            </tbody>
          </Table>
          <div className="flex items-center justify-end gap-2 border-t border-slate-200 px-5 py-3">
            <Button variant="secondary" size="sm" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
              <ChevronLeft aria-hidden className="size-3.5" /> Newer
            </Button>
            <Button
              variant="secondary"
              size="sm"
              disabled={!query.data?.nextCursor}
              onClick={() => query.data?.nextCursor && setCursors([...cursors, query.data.nextCursor])}
            >
              Older <ChevronRight aria-hidden className="size-3.5" />
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
