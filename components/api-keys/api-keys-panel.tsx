"use client";

import { useQuery } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-button";
import { Alert, EmptyState, Skeleton } from "@/components/ui/feedback";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { CreateApiKey } from "./create-api-key";
import { RevokeApiKey } from "./revoke-api-key";

export function ApiKeysPanel({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.apiKeys.list.queryOptions());
  const keys = query.data?.keys ?? [];

  return (
    <div className="space-y-6">
      {canEdit ? null : (
        <Alert tone="brand" title="Read-only access">
          Viewers can see API keys but cannot create or revoke them. Ask an admin or owner.
        </Alert>
      )}
      {query.isError ? <Alert title="Could not load API keys">{query.error.message}</Alert> : null}
      <Card>
        <CardHeader title="Client ID" description="Identifies this installation to SDKs, alongside a secret key." />
        <div className="px-5 py-4">
          {query.data ? <CopyField id="client-id" label="Client ID" value={query.data.clientId} /> : <Skeleton className="h-9 w-full max-w-md" />}
        </div>
      </Card>
      <Card>
        <CardHeader
          title="Secret keys"
          description={
            <>
              Send a key as <code className="font-mono text-xs">Authorization: Bearer sk_…</code> from your backend. Never ship it to browsers.
            </>
          }
          action={canEdit ? <CreateApiKey /> : null}
        />
        {query.data && keys.length === 0 ? (
          <EmptyState icon={KeyRound} title="No API keys">
            {canEdit ? "Create a key to call the Portico API from your backend." : "No one has created a key yet."}
          </EmptyState>
        ) : (
          <Table aria-label="API keys">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Key</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                {canEdit ? (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {query.isPending
                ? Array.from({ length: 2 }, (_, i) => (
                    <tr key={i}>
                      {Array.from({ length: canEdit ? 5 : 4 }, (_, j) => (
                        <Td key={j}>
                          <Skeleton className="h-4 w-20" />
                        </Td>
                      ))}
                    </tr>
                  ))
                : keys.map((key) => (
                    <tr key={key.id}>
                      <Td className="font-medium text-slate-900">{key.name}</Td>
                      <Td>
                        <code className="font-mono text-xs">{key.prefix}…</code>
                      </Td>
                      <Td>
                        <Time value={key.createdAt} />
                      </Td>
                      <Td>
                        <Time value={key.lastUsedAt} withTime fallback="Never" />
                      </Td>
                      {canEdit ? (
                        <Td className="text-right">
                          <RevokeApiKey id={key.id} name={key.name} />
                        </Td>
                      ) : null}
                    </tr>
                  ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
