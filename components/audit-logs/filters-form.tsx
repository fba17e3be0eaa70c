"use client";

import { Search } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { emptyFilters, type ViewerFilterForm } from "./types";

const fields: { key: keyof ViewerFilterForm; label: string; placeholder?: string; type?: string }[] = [
  { key: "action", label: "Action", placeholder: "user.signed_in" },
  { key: "actor", label: "Actor", placeholder: "Name or id" },
  { key: "target", label: "Target type", placeholder: "team" },
  { key: "from", label: "From", type: "date" },
  { key: "to", label: "To", type: "date" },
];

/** The viewer's filters; applied together when the form is submitted. */
export function FiltersForm({ onApply }: { onApply: (filters: ViewerFilterForm) => void }) {
  const [draft, setDraft] = useState<ViewerFilterForm>(emptyFilters);
  const set = (key: keyof ViewerFilterForm, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  return (
    <form
      role="search"
      aria-label="Filter audit log events"
      className="grid grid-cols-1 gap-3 px-5 py-4 sm:grid-cols-2 lg:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
    >
      <label className="relative block sm:col-span-2 lg:col-span-3">
        <span className="sr-only">Search actors and targets</span>
        <Search aria-hidden className="pointer-events-none absolute top-2.5 left-3 size-4 text-slate-500" />
        <Input
          type="search"
          className="pl-9"
          placeholder="Search actor and target names"
          value={draft.search}
          onChange={(e) => set("search", e.target.value)}
        />
      </label>
      {fields.map((f) => (
        <label key={f.key} className="block text-sm font-medium text-slate-700">
          {f.label}
          <Input className="mt-1" type={f.type ?? "text"} placeholder={f.placeholder} value={draft[f.key]} onChange={(e) => set(f.key, e.target.value)} />
        </label>
      ))}
      <div className="flex items-end gap-2">
        <Button type="submit">Apply filters</Button>
        <Button
          variant="ghost"
          onClick={() => {
            setDraft(emptyFilters);
            onApply(emptyFilters);
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
