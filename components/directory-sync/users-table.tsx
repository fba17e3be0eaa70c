"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronLeft, ChevronRight, Search, Users } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState, Skeleton } from "@/components/ui/feedback";
import { Input } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import { displayName } from "./names";

const pageSize = 25;

/**
 * The users of the synced groups: searchable by name, email or userName, a page at a time. The
 * portal and the dashboard read through their own procedures, which scope them differently.
 */
export function UsersTable({ directoryId, surface, hrefBase }: { directoryId: string; surface: "portal" | "staff"; hrefBase: string }) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState("");
  const [search, setSearch] = useState("");
  const [cursor, setCursor] = useState<{ after?: string; before?: string }>({});
  const params = { directoryId, search: search || undefined, limit: pageSize, ...cursor };
  const portal = useQuery({ ...trpc.portal.directorySync.users.queryOptions(params), enabled: surface === "portal", placeholderData: keepPreviousData });
  const staff = useQuery({ ...trpc.directories.users.queryOptions(params), enabled: surface === "staff", placeholderData: keepPreviousData });
  const query = surface === "portal" ? portal : staff;
  const users = query.data?.data ?? [];
  const meta = query.data?.listMetadata;

  return (
    <div>
      <form
        role="search"
        className="flex flex-wrap gap-2 px-5 py-3"
        onSubmit={(e) => {
          e.preventDefault();
          setCursor({});
          setSearch(draft.trim());
        }}
      >
        <div className="relative w-full max-w-sm flex-1">
          <Search aria-hidden className="pointer-events-none absolute top-2.5 left-3 size-4 text-slate-500" />
          <Input
            aria-label="Search users"
            placeholder="Name, email or username"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            className="pl-9"
            type="search"
          />
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {query.isError ? (
        <div className="px-5 pb-4">
          <Alert title="Could not load users">{query.error.message}</Alert>
        </div>
      ) : null}
      {query.data && users.length === 0 ? (
        <EmptyState icon={Users} title={search ? "No users match" : "No users yet"}>
          {search ? `Nobody matches “${search}”.` : "Users appear here as your identity provider sends them."}
        </EmptyState>
      ) : (
        <Table aria-label="Directory users" stacked>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>State</Th>
              <Th>Groups</Th>
            </tr>
          </thead>
          <tbody>
            {query.isPending
              ? Array.from({ length: 3 }, (_, i) => (
                  <tr key={i}>
                    {Array.from({ length: 4 }, (_, j) => (
                      <Td key={j}>
                        <Skeleton className="h-4 w-24" />
                      </Td>
                    ))}
                  </tr>
                ))
              : users.map((user) => (
                  <tr key={user.id} className="hover:bg-slate-50">
                    <Td label="Name" className="font-medium text-slate-900">
                      <Link href={`${hrefBase}/${user.id}`} className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
                        {displayName(user)}
                      </Link>
                    </Td>
                    <Td label="Email">{user.email ?? <span className="text-slate-500">—</span>}</Td>
                    <Td label="State">
                      <Badge tone={user.state === "active" ? "green" : "slate"}>{user.state === "active" ? "Active" : "Inactive"}</Badge>
                    </Td>
                    <Td label="Groups">
                      <span className="flex max-w-72 flex-wrap gap-1 whitespace-normal">
                        {user.groups.slice(0, 3).map((g) => (
                          <Badge key={g.id}>{g.name}</Badge>
                        ))}
                        {user.groups.length > 3 ? <Badge>+{user.groups.length - 3}</Badge> : null}
                        {user.groups.length === 0 ? <span className="text-slate-500">—</span> : null}
                      </span>
                    </Td>
                  </tr>
                ))}
          </tbody>
        </Table>
      )}
      <nav aria-label="Pages of users" className="flex items-center justify-end gap-2 border-t border-slate-200 px-5 py-3">
        <Button variant="secondary" size="sm" disabled={!meta?.before} onClick={() => setCursor({ before: meta!.before! })}>
          <ChevronLeft aria-hidden className="size-4" /> Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={!meta?.after} onClick={() => setCursor({ after: meta!.after! })}>
          Next <ChevronRight aria-hidden className="size-4" />
        </Button>
      </nav>
    </div>
  );
}
