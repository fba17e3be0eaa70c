"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/feedback";
import { filterInput, type ViewerFilterForm } from "./types";

/**
 * "Export CSV" with the viewer's filters: the export runs on the job queue; this polls it, shows where
 * it is, and starts the download from the signed link once it is ready.
 */
export function ExportButton({ filters, surface, organizationId }: { filters: ViewerFilterForm; surface: "portal" | "staff"; organizationId?: string }) {
  const trpc = useTRPC();
  const [exportId, setExportId] = useState<string | null>(null);
  const downloaded = useRef<string | null>(null);
  const portalCreate = useMutation(trpc.portal.auditLogs.createExport.mutationOptions());
  const staffCreate = useMutation(trpc.auditLogs.createExport.mutationOptions());
  const create = surface === "portal" ? portalCreate : staffCreate;
  const poll = (data: { state: string } | undefined) => (data?.state === "pending" ? 500 : false);
  const portalStatus = useQuery({
    ...trpc.portal.auditLogs.getExport.queryOptions({ id: exportId ?? "" }),
    enabled: surface === "portal" && Boolean(exportId),
    refetchInterval: (q) => poll(q.state.data),
  });
  const staffStatus = useQuery({
    ...trpc.auditLogs.getExport.queryOptions({ id: exportId ?? "", organizationId: organizationId ?? "" }),
    enabled: surface === "staff" && Boolean(exportId),
    refetchInterval: (q) => poll(q.state.data),
  });
  const status = (surface === "portal" ? portalStatus : staffStatus).data;

  useEffect(() => {
    if (status?.state === "ready" && status.url && downloaded.current !== status.id) {
      downloaded.current = status.id;
      window.location.assign(status.url);
    }
  }, [status]);

  const start = async () => {
    const input = filterInput(filters);
    const created =
      surface === "portal" ? await portalCreate.mutateAsync(input) : await staffCreate.mutateAsync({ ...input, organizationId: organizationId ?? "" });
    setExportId(created.id);
  };
  const running = create.isPending || (exportId !== null && (!status || status.state === "pending"));

  return (
    <div className="flex flex-wrap items-center gap-3">
      <div role="status" aria-live="polite" className="text-sm text-slate-600">
        {running ? (
          <span className="inline-flex items-center gap-2">
            <Spinner /> Preparing your export…
          </span>
        ) : status?.state === "ready" && status.url ? (
          <a href={status.url} className="font-medium text-brand-700 underline">
            Export ready: {status.rowCount ?? 0} {status.rowCount === 1 ? "event" : "events"}. Download CSV
          </a>
        ) : status?.state === "error" ? (
          <span className="text-red-700">The export failed. Try again.</span>
        ) : create.isError ? (
          <span className="text-red-700">{create.error.message}</span>
        ) : null}
      </div>
      <Button variant="secondary" onClick={() => void start().catch(() => {})} disabled={running}>
        <Download aria-hidden className="size-4" /> Export CSV
      </Button>
    </div>
  );
}
