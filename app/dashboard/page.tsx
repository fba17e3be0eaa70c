import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { OrganizationsList } from "@/components/organizations/organizations-list";
import { ExpiringCertificatesNotice } from "@/components/certificates/expiry-notice";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";
import { dashboardTrpc, loadOrNotFound } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Organizations" };

const PAGE_SIZE = 10;
// Cursors are organization ids (`org_` and a ULID).
const cursorPattern = /^[A-Za-z0-9_]{1,100}$/;

const emptyPage = { data: [], listMetadata: { before: null, after: null } };

type SearchParams = Record<string, string | string[] | undefined>;

/** The URL's search term and cursor; anything else there (a repeated or malformed value) is left out. */
function listQuery(params: SearchParams) {
  const one = (name: string) => (typeof params[name] === "string" ? params[name] : undefined);
  const cursor = (name: string) => {
    const value = one(name);
    return value && cursorPattern.test(value) ? value : undefined;
  };
  return { search: (one("search") ?? "").trim().slice(0, 200), after: cursor("after"), before: cursor("before") };
}

export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [staff, params] = await Promise.all([requireStaff(), searchParams]);
  const query = listQuery(params);
  const loaded = await loadOrNotFound(
    dashboardTrpc.organizations.list.queryOptions({ search: query.search || undefined, limit: PAGE_SIZE, after: query.after, before: query.before }),
  ).then(
    (page) => ({ page, problem: undefined }),
    // A search the service refuses (text the database cannot hold) is the visitor's to fix, not a server error.
    (error: unknown) => {
      if (error instanceof TRPCError && error.code === "BAD_REQUEST") return { page: emptyPage, problem: error.message };
      throw error;
    },
  );
  return (
    <>
      <PageHeader title="Organizations" description="Your customers, their domains and how to reach them through the API." />
      <ExpiringCertificatesNotice className="mb-6" />
      <OrganizationsList page={loaded.page} problem={loaded.problem} query={query} canEdit={hasRole(staff.role, "admin")} />
    </>
  );
}
