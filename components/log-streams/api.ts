"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";
import type { LogStreamView, TestResult } from "@/server/services/log-streams";

export type StreamInput = Record<string, unknown>;
export type SaveResult = { saved: true; stream: LogStreamView; test: TestResult } | { saved: false; test: TestResult };

/** What the log-stream screens need, the same for the portal and the dashboard. */
export interface LogStreamApi {
  stream: { data: LogStreamView | null | undefined; isPending: boolean; error: { message: string } | null };
  externalId: string | undefined;
  canEdit: boolean;
  test: (stream: StreamInput) => Promise<TestResult>;
  save: (stream: StreamInput, acceptRefused: boolean) => Promise<SaveResult>;
  setPaused: (paused: boolean) => Promise<unknown>;
  remove: () => Promise<unknown>;
}

const REFRESH_MS = 10_000;

/** The IT admin's own stream: the procedures take no organization, the session names it. */
export function usePortalLogStreamApi(): LogStreamApi {
  const trpc = useTRPC();
  const client = useQueryClient();
  const stream = useQuery({ ...trpc.portal.logStreams.get.queryOptions(), refetchInterval: REFRESH_MS });
  const externalId = useQuery(trpc.portal.logStreams.externalId.queryOptions());
  const refresh = () => client.invalidateQueries({ queryKey: trpc.portal.logStreams.get.queryKey() });
  const test = useMutation(trpc.portal.logStreams.test.mutationOptions());
  const save = useMutation(trpc.portal.logStreams.save.mutationOptions({ onSuccess: refresh }));
  const paused = useMutation(trpc.portal.logStreams.setPaused.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.portal.logStreams.delete.mutationOptions({ onSuccess: refresh }));
  return {
    stream,
    externalId: externalId.data,
    canEdit: true,
    test: (s) => test.mutateAsync({ stream: s }),
    save: (s, acceptRefused) => save.mutateAsync({ stream: s, acceptRefused }),
    setPaused: (p) => paused.mutateAsync({ paused: p }),
    remove: () => remove.mutateAsync(),
  };
}

/** Staff manage any organization's stream; viewers only look. */
export function useDashboardLogStreamApi(organizationId: string, canEdit: boolean): LogStreamApi {
  const trpc = useTRPC();
  const client = useQueryClient();
  const stream = useQuery({ ...trpc.logStreams.get.queryOptions({ organizationId }), refetchInterval: REFRESH_MS });
  const externalId = useQuery(trpc.logStreams.externalId.queryOptions({ organizationId }));
  const refresh = () => client.invalidateQueries({ queryKey: trpc.logStreams.get.queryKey({ organizationId }) });
  const test = useMutation(trpc.logStreams.test.mutationOptions());
  const save = useMutation(trpc.logStreams.save.mutationOptions({ onSuccess: refresh }));
  const paused = useMutation(trpc.logStreams.setPaused.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.logStreams.delete.mutationOptions({ onSuccess: refresh }));
  return {
    stream,
    externalId: externalId.data,
    canEdit,
    test: (s) => test.mutateAsync({ organizationId, stream: s }),
    save: (s, acceptRefused) => save.mutateAsync({ organizationId, stream: s, acceptRefused }),
    setPaused: (p) => paused.mutateAsync({ organizationId, paused: p }),
    remove: () => remove.mutateAsync({ organizationId }),
  };
}
