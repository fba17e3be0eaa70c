"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Skeleton } from "@/components/ui/feedback";
import { Time } from "@/components/ui/time";
import { ReadOnlyNote } from "@/components/settings/read-only-note";
import { PolisImportForm } from "./polis-import-form";
import { ImportProgress, ImportReport } from "./polis-import-report";

/** Settings → Import from Polis: the form, the running import's progress, then its report. */
export function PolisImport({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const start = useMutation(trpc.polisImport.start.mutationOptions());
  const list = useQuery(trpc.polisImport.list.queryOptions());
  const [runId, setRunId] = useState<string | null>(null);
  const shownId = runId ?? list.data?.[0]?.id ?? null;
  const run = useQuery({
    ...trpc.polisImport.get.queryOptions({ id: shownId ?? "" }),
    enabled: Boolean(shownId),
    // Poll while the job runs; stop once it has finished.
    refetchInterval: (query) => (query.state.data && (query.state.data.state === "done" || query.state.data.state === "failed") ? false : 1000),
  });
  const running = run.data?.state === "queued" || run.data?.state === "running";

  return (
    <div className="space-y-6">
      {canEdit ? null : <ReadOnlyNote what="this page" />}
      <Card>
        <CardHeader
          title="Import from Ory Polis"
          description="Reads SAML and OIDC connections and SCIM directories through Polis's admin API and makes one organization per tenant and product. Running it again updates only what changed."
        />
        {canEdit ? (
          <PolisImportForm
            disabled={running}
            onSubmit={async (values) => {
              const made = await start.mutateAsync({
                url: values.url,
                apiKey: values.apiKey,
                products: values.products
                  .split(",")
                  .map((p) => p.trim())
                  .filter(Boolean),
                dryRun: values.dryRun,
              });
              setRunId(made.id);
            }}
          />
        ) : null}
      </Card>
      {list.isError ? <Alert title="Could not load earlier imports">{list.error.message}</Alert> : null}
      {shownId ? (
        <Card>
          <CardHeader
            title={run.data?.dryRun ? "Import plan (dry run)" : "Import"}
            description={
              run.data ? (
                <>
                  {run.data.url} · {run.data.products.join(", ")} · started <Time value={run.data.createdAt} withTime />
                </>
              ) : undefined
            }
          />
          <div className="space-y-4 px-5 py-4">
            {run.isError ? <Alert title="Could not load the import">{run.error.message}</Alert> : null}
            {!run.data && !run.isError ? <Skeleton className="h-24 w-full" /> : null}
            {run.data ? <ImportProgress run={run.data} /> : null}
            {run.data ? <ImportReport run={run.data} canEdit={canEdit} /> : null}
          </div>
        </Card>
      ) : list.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : null}
    </div>
  );
}
