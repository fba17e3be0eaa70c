"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useMemo, useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { useToast } from "@/components/providers/toast-provider";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Spinner } from "@/components/ui/feedback";
import { Input } from "@/components/ui/input";

interface Choice {
  id: string;
  name: string;
  selected: boolean;
}

/**
 * Which groups sync. Users outside every chosen group disappear from the app (and send no events);
 * choosing their groups again brings them back.
 */
export function GroupSyncEditor({ directoryId, choices, allGroups }: { directoryId: string; choices: Choice[]; allGroups: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [mode, setMode] = useState<"all" | "chosen">(allGroups ? "all" : "chosen");
  const [selected, setSelected] = useState(() => new Set(allGroups ? [] : choices.filter((c) => c.selected).map((c) => c.id)));
  const [filter, setFilter] = useState("");
  const [problem, setProblem] = useState<string>();
  const save = useMutation(trpc.portal.directorySync.updateGroupFilter.mutationOptions());
  const shown = useMemo(() => choices.filter((c) => c.name.toLowerCase().includes(filter.trim().toLowerCase())), [choices, filter]);

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const submit = async () => {
    setProblem(undefined);
    if (mode === "chosen" && selected.size === 0) return setProblem("Choose at least one group, or sync all groups.");
    try {
      await save.mutateAsync({ directoryId, groups: mode === "all" ? null : [...selected] });
      notify(mode === "all" ? "All groups sync" : `${selected.size} ${selected.size === 1 ? "group syncs" : "groups sync"}`);
      await queryClient.invalidateQueries({ queryKey: trpc.portal.directorySync.pathKey() });
    } catch (e) {
      setProblem(serverProblem(e).message);
    }
  };

  const radio = "size-4 accent-brand-600";
  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Card>
        <CardHeader title="Groups to sync" id="groups-sync-heading" />
        <fieldset className="space-y-3 px-5 py-4" aria-labelledby="groups-sync-heading">
          <label className="flex items-start gap-3 text-sm">
            <input type="radio" name="mode" className={`mt-0.5 ${radio}`} checked={mode === "all"} onChange={() => setMode("all")} />
            <span>
              <span className="block font-medium text-slate-900">All groups</span>
              <span className="block text-slate-600">Every user and group your identity provider sends.</span>
            </span>
          </label>
          <label className="flex items-start gap-3 text-sm">
            <input type="radio" name="mode" className={`mt-0.5 ${radio}`} checked={mode === "chosen"} onChange={() => setMode("chosen")} />
            <span>
              <span className="block font-medium text-slate-900">Only the groups I choose</span>
              <span className="block text-slate-600">Only members of these groups are synced.</span>
            </span>
          </label>
        </fieldset>
        {mode === "chosen" ? (
          <div className="border-t border-slate-200">
            {choices.length === 0 ? (
              <p className="px-5 py-6 text-sm text-slate-600">Your identity provider has not sent any groups yet.</p>
            ) : (
              <>
                <div className="flex flex-wrap items-center gap-3 px-5 py-3">
                  <div className="relative w-full max-w-xs">
                    <Search aria-hidden className="pointer-events-none absolute top-2.5 left-3 size-4 text-slate-500" />
                    <Input aria-label="Filter groups" placeholder="Filter groups" value={filter} onChange={(e) => setFilter(e.target.value)} className="pl-9" />
                  </div>
                  <span className="text-sm text-slate-600" aria-live="polite">
                    {selected.size} of {choices.length} chosen
                  </span>
                </div>
                <ul className="max-h-96 divide-y divide-slate-200 overflow-y-auto border-t border-slate-200" aria-label="Groups">
                  {shown.map((c) => (
                    <li key={c.id}>
                      <label className="flex cursor-pointer items-center gap-3 px-5 py-2.5 text-sm text-slate-900 hover:bg-slate-50">
                        <input
                          type="checkbox"
                          className="size-4 accent-brand-600"
                          checked={selected.has(c.id)}
                          onChange={(e) => toggle(c.id, e.target.checked)}
                        />
                        {c.name}
                      </label>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : null}
      </Card>
      {problem ? <Alert title="Groups sync was not saved">{problem}</Alert> : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? <Spinner /> : null} Save groups sync
        </Button>
      </div>
    </form>
  );
}
