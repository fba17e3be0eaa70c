import { Building2, ChevronLeft, ChevronRight, Plus, SearchX } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import type { RouterOutputs } from "@/components/providers/trpc-provider";
import { buttonClass } from "@/components/ui/button";
import { Alert, EmptyState } from "@/components/ui/feedback";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { DomainList } from "./domain-badges";
import { OrganizationSearch } from "./organization-search";

type OrganizationsPage = RouterOutputs["organizations"]["list"];

/** Which page of the list is shown: a search term and a cursor, both from the URL. */
export interface OrganizationsListQuery {
  search: string;
  after?: string;
  before?: string;
}

/** A page of the list with these words in the URL, so searching and paging work with or without JavaScript. */
function listHref(search: string, cursor: { after?: string; before?: string }): string {
  const params = new URLSearchParams();
  if (search) params.set("search", search);
  if (cursor.after) params.set("after", cursor.after);
  if (cursor.before) params.set("before", cursor.before);
  const query = params.toString();
  return query ? `/dashboard?${query}` : "/dashboard";
}

function PageLink({ href, children }: { href: string | null; children: ReactNode }) {
  if (!href) {
    return (
      <button type="button" disabled className={buttonClass("secondary", "sm")}>
        {children}
      </button>
    );
  }
  return (
    <Link href={href} className={buttonClass("secondary", "sm")}>
      {children}
    </Link>
  );
}

/** The organizations, ten at a time, rendered on the server; the search box narrows them as staff type. */
export function OrganizationsList({
  page,
  problem,
  query,
  canEdit,
}: {
  page: OrganizationsPage;
  /** Why the list could not be loaded for this search. */
  problem?: string;
  query: OrganizationsListQuery;
  canEdit: boolean;
}) {
  const { search } = query;
  const createLink = (
    <Link href="/dashboard/organizations/new" className={buttonClass()}>
      <Plus aria-hidden className="size-4" /> Create organization
    </Link>
  );

  if (page.data.length === 0 && !problem && !search && !query.after && !query.before) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white">
        <EmptyState icon={Building2} title="No organizations yet" action={canEdit ? createLink : undefined}>
          Organizations are your customers. Create one for each company that will set up SSO or Directory Sync.
          {canEdit ? null : " Viewers cannot create organizations; ask an admin."}
        </EmptyState>
      </div>
    );
  }

  const { before, after } = page.listMetadata;
  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <OrganizationSearch search={search} />
        {canEdit ? createLink : null}
      </div>
      {problem ? <Alert title="Could not load organizations">{problem}</Alert> : null}
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <Table aria-label="Organizations">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Domains</Th>
              <Th>External ID</Th>
              <Th>Created</Th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((organization) => (
              <tr key={organization.id} className="hover:bg-slate-50">
                <Td>
                  <Link
                    href={`/dashboard/organizations/${organization.id}`}
                    className="rounded font-medium text-brand-700 hover:text-brand-800 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                  >
                    {organization.name}
                  </Link>
                </Td>
                <Td>
                  <DomainList domains={organization.domains} />
                </Td>
                <Td>
                  {organization.external_id ? (
                    <code className="font-mono text-xs text-slate-700">{organization.external_id}</code>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </Td>
                <Td>
                  <Time value={organization.created_at} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {page.data.length === 0 && !problem ? (
          <EmptyState icon={SearchX} title="No matching organizations">
            No organization has a name or domain containing “{search}”.
          </EmptyState>
        ) : null}
        <nav aria-label="Pagination" className="flex items-center justify-between gap-3 border-t border-slate-200 px-5 py-3">
          <p className="text-sm text-slate-600">
            Showing {page.data.length} {page.data.length === 1 ? "organization" : "organizations"}
          </p>
          <div className="flex gap-2">
            <PageLink href={before ? listHref(search, { before }) : null}>
              <ChevronLeft aria-hidden className="size-3.5" /> Previous
            </PageLink>
            <PageLink href={after ? listHref(search, { after }) : null}>
              Next <ChevronRight aria-hidden className="size-3.5" />
            </PageLink>
          </div>
        </nav>
      </div>
    </div>
  );
}
