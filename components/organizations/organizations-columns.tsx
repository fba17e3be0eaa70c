import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import type { RouterOutputs } from "@/components/providers/trpc-provider";
import { Time } from "@/components/ui/time";
import { DomainList } from "./domain-badges";

type Organization = RouterOutputs["organizations"]["list"]["data"][number];

const column = createColumnHelper<Organization>();

export const organizationColumns = [
  column.accessor("name", {
    header: "Name",
    cell: (info) => (
      <Link
        href={`/dashboard/organizations/${info.row.original.id}`}
        className="rounded font-medium text-brand-700 hover:text-brand-800 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        {info.getValue()}
      </Link>
    ),
  }),
  column.accessor("domains", { header: "Domains", cell: (info) => <DomainList domains={info.getValue()} /> }),
  column.accessor("external_id", {
    header: "External ID",
    cell: (info) => (info.getValue() ? <code className="font-mono text-xs text-slate-700">{info.getValue()}</code> : <span className="text-slate-500">—</span>),
  }),
  column.accessor("created_at", { header: "Created", cell: (info) => <Time value={info.getValue()} /> }),
];
