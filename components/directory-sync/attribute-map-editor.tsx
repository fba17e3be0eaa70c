"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { useToast } from "@/components/providers/toast-provider";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Spinner } from "@/components/ui/feedback";
import { FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { attributeNamePattern, quickAttributes, suggestedPaths } from "./attribute-paths";

interface Row {
  key: number;
  name: string;
  path: string;
}

let nextKey = 0;
const toRows = (map: Record<string, string>): Row[] => Object.entries(map).map(([name, path]) => ({ key: nextKey++, name, path }));

function rowErrors(rows: Row[]): Record<number, { name?: string; path?: string }> {
  const errors: Record<number, { name?: string; path?: string }> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const e: { name?: string; path?: string } = {};
    if (!attributeNamePattern.test(row.name)) e.name = "Use lower-case letters, digits and _, starting with a letter.";
    else if (seen.has(row.name)) e.name = "This name is used twice.";
    if (!row.path.trim()) e.path = "Enter a SCIM attribute.";
    seen.add(row.name);
    if (e.name || e.path) errors[row.key] = e;
  }
  return errors;
}

/** Custom attributes: a name of the app's choosing, read from a SCIM attribute of each user. */
export function AttributeMapEditor({ directoryId, initialMap }: { directoryId: string; initialMap: Record<string, string> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useToast();
  const listId = useId();
  const [rows, setRows] = useState<Row[]>(() => toRows(initialMap));
  const [errors, setErrors] = useState<Record<number, { name?: string; path?: string }>>({});
  const [problem, setProblem] = useState<string>();
  const save = useMutation(trpc.portal.directorySync.updateAttributeMap.mutationOptions());
  const sample = useQuery(trpc.portal.directorySync.users.queryOptions({ directoryId, limit: 1 }));
  const example = sample.data?.data[0];

  const update = (key: number, change: Partial<Row>) => setRows((current) => current.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const missingQuick = quickAttributes.filter((q) => !rows.some((r) => r.name === q.name));

  const submit = async () => {
    setProblem(undefined);
    const found = rowErrors(rows);
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await save.mutateAsync({ directoryId, map: Object.fromEntries(rows.map((r) => [r.name, r.path.trim()])) });
      notify("Attribute map saved. Every user was updated.");
      await queryClient.invalidateQueries({ queryKey: trpc.portal.directorySync.pathKey() });
    } catch (e) {
      const server = serverProblem(e);
      const byName: Record<number, { name?: string; path?: string }> = {};
      for (const f of server.fieldErrors) {
        const row = rows.find((r) => r.name === f.field);
        if (row) byName[row.key] = { path: f.message };
      }
      setErrors(byName);
      setProblem(Object.keys(byName).length ? "Some attributes cannot be read. Check the highlighted rows." : server.message);
    }
  };

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
        <CardHeader
          title="Custom attributes"
          description="Each name on the left is filled from the SCIM attribute on the right: a core attribute, an enterprise extension attribute, or any path your identity provider sends."
        />
        <datalist id={listId}>
          {suggestedPaths.map((s) => (
            <option key={s.path} value={s.path}>
              {s.label}
            </option>
          ))}
        </datalist>
        {rows.length === 0 ? <p className="px-5 pt-4 text-sm text-slate-600">No custom attributes. Add one below.</p> : null}
        <ul className="divide-y divide-slate-200">
          {rows.map((row, i) => (
            <li key={row.key} className="grid gap-3 px-5 py-4 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto] sm:items-start">
              <div>
                <label htmlFor={`attr-name-${row.key}`} className="mb-1 block text-xs font-medium text-slate-700">
                  Custom attribute {i + 1}
                </label>
                <Input
                  id={`attr-name-${row.key}`}
                  value={row.name}
                  autoComplete="off"
                  onChange={(e) => update(row.key, { name: e.target.value })}
                  aria-invalid={errors[row.key]?.name ? true : undefined}
                  aria-describedby={errors[row.key]?.name ? `attr-name-${row.key}-error` : undefined}
                  className="font-mono"
                />
                <FieldError id={`attr-name-${row.key}-error`} message={errors[row.key]?.name} />
              </div>
              <div>
                <label htmlFor={`attr-path-${row.key}`} className="mb-1 block text-xs font-medium text-slate-700">
                  SCIM attribute {i + 1}
                </label>
                <Input
                  id={`attr-path-${row.key}`}
                  value={row.path}
                  list={listId}
                  autoComplete="off"
                  onChange={(e) => update(row.key, { path: e.target.value })}
                  aria-invalid={errors[row.key]?.path ? true : undefined}
                  aria-describedby={errors[row.key]?.path ? `attr-path-${row.key}-error` : undefined}
                  className="font-mono text-xs"
                />
                <FieldError id={`attr-path-${row.key}-error`} message={errors[row.key]?.path} />
              </div>
              <Button
                variant="ghost"
                className="sm:mt-5"
                aria-label={`Remove ${row.name || `custom attribute ${i + 1}`}`}
                onClick={() => setRows((c) => c.filter((r) => r.key !== row.key))}
              >
                <Trash2 aria-hidden className="size-4" />
              </Button>
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 px-5 py-4">
          <Button variant="secondary" onClick={() => setRows((c) => [...c, { key: nextKey++, name: "", path: "" }])}>
            <Plus aria-hidden className="size-4" /> Add attribute
          </Button>
          {missingQuick.map((q) => (
            <Button key={q.name} variant="ghost" size="sm" onClick={() => setRows((c) => [...c, { key: nextKey++, name: q.name, path: q.path }])}>
              <Plus aria-hidden className="size-3.5" /> {q.label}
            </Button>
          ))}
        </div>
      </Card>

      {problem ? <Alert title="The attribute map was not saved">{problem}</Alert> : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? <Spinner /> : null} Save attribute map
        </Button>
      </div>

      {example ? (
        <Card>
          <CardHeader title="Example" description={`What the saved map gives for ${example.email ?? String(example.raw_attributes.userName ?? example.id)}.`} />
          <dl className="divide-y divide-slate-200">
            {Object.entries(example.custom_attributes).map(([name, value]) => (
              <div key={name} className="grid grid-cols-5 gap-3 px-5 py-2.5 text-sm">
                <dt className="col-span-2 truncate font-mono text-slate-600">{name}</dt>
                <dd className="col-span-3 break-words text-slate-900">
                  {value === null ? <span className="text-slate-500">empty</span> : typeof value === "string" ? value : JSON.stringify(value)}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
      ) : null}
    </form>
  );
}
