"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { Building2, ChevronLeft, ChevronRight, Plus, Search, SearchX } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button, buttonClass } from "@/components/ui/button";
import { Alert, EmptyState, Skeleton, Spinner } from "@/components/ui/feedback";
import { Input } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import { organizationColumns } from "./organizations-columns";

const PAGE_SIZE = 10;

type Cursor = { after?: string; before?: string };

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function OrganizationsList({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const [term, setTerm] = useState("");
  const search = useDebounced(term.trim(), 300);
  const [cursor, setCursor] = useState<Cursor>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts again from the first page.
  useEffect(() => setCursor({}), [search]);

  const query = useQuery({
    ...trpc.organizations.list.queryOptions({ search: search || undefined, limit: PAGE_SIZE, ...cursor }),
    placeholderData: keepPreviousData,
  });
  const table = useReactTable({ data: query.data?.data ?? [], columns: organizationColumns, getCoreRowModel: getCoreRowModel() });
  const meta = query.data?.listMetadata;
  const createLink = (
    <Link href="/dashboard/organizations/new" className={buttonClass()}>
      <Plus aria-hidden className="size-4" /> Create organization
    </Link>
  );

  if (query.data && query.data.data.length === 0 && !search && !cursor.after && !cursor.before) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white">
        <EmptyState icon={Building2} title="No organizations yet" action={canEdit ? createLink : undefined}>
          Organizations are your customers. Create one for each company that will set up SSO or Directory Sync.
          {canEdit ? null : " Viewers cannot create organizations; ask an admin."}
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="relative w-full sm:max-w-sm">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500" />
          <label htmlFor="organization-search" className="sr-only">
            Search organizations by name or domain
          </label>
          <Input
            id="organization-search"
            type="search"
            placeholder="Search by name or domain"
            className="pl-9"
            value={term}
            onChange={(e) => setTerm(e.target.value)}
          />
          {query.isFetching && query.data ? (
            <span className="absolute top-1/2 right-3 -translate-y-1/2 text-slate-500">
              <Spinner label="Searching" />
            </span>
          ) : null}
        </div>
        {canEdit ? createLink : null}
      </div>
      {query.isError ? <Alert title="Could not load organizations">{query.error.message}</Alert> : null}
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <Table aria-label="Organizations" aria-busy={query.isFetching}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <Th key={header.id}>{flexRender(header.column.columnDef.header, header.getContext())}</Th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {query.isPending
              ? Array.from({ length: 4 }, (_, i) => (
                  <tr key={i}>
                    {organizationColumns.map((_, j) => (
                      <Td key={j}>
                        <Skeleton className="h-4 w-24" />
                      </Td>
                    ))}
                  </tr>
                ))
              : table.getRowModel().rows.map((row) => (
                  <tr key={row.id} className="hover:bg-slate-50">
                    {row.getVisibleCells().map((cell) => (
                      <Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Td>
                    ))}
                  </tr>
                ))}
          </tbody>
        </Table>
        {query.data && query.data.data.length === 0 ? (
          <EmptyState icon={SearchX} title="No matching organizations">
            No organization has a name or domain containing “{search}”.
          </EmptyState>
        ) : null}
        <nav aria-label="Pagination" className="flex items-center justify-between gap-3 border-t border-slate-200 px-5 py-3">
          <p className="text-sm text-slate-600">
            {query.data ? `Showing ${query.data.data.length} ${query.data.data.length === 1 ? "organization" : "organizations"}` : "Loading…"}
          </p>
          <div className="flex gap-2">
            <Button variant="secondary" size="sm" disabled={!meta?.before} onClick={() => meta?.before && setCursor({ before: meta.before })}>
              <ChevronLeft aria-hidden className="size-3.5" /> Previous
            </Button>
            <Button variant="secondary" size="sm" disabled={!meta?.after} onClick={() => meta?.after && setCursor({ after: meta.after })}>
              Next <ChevronRight aria-hidden className="size-3.5" />
            </Button>
          </div>
        </nav>
      </div>
    </div>
  );
}
