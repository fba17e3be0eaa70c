"use client";

import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Spinner } from "@/components/ui/feedback";
import { Input } from "@/components/ui/input";

/**
 * The search box of the organizations list. It puts the term in the URL as staff type (after a pause), and
 * the server renders the matching page; without JavaScript it is a form that does the same on Enter.
 */
export function OrganizationSearch({ search }: { search: string }) {
  const router = useRouter();
  const [term, setTerm] = useState(search);
  const [pending, startTransition] = useTransition();
  // The term this box last asked for: a URL that differs from it, once nothing is loading, came from elsewhere
  // (a link to the whole list), and the box shows that instead.
  const requested = useRef(search);

  const show = (value: string) => {
    requested.current = value;
    startTransition(() => router.replace(value ? `/dashboard?search=${encodeURIComponent(value)}` : "/dashboard", { scroll: false }));
  };

  useEffect(() => {
    if (pending || search === requested.current) return;
    requested.current = search;
    setTerm(search);
  }, [search, pending]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new term starts a search.
  useEffect(() => {
    const wanted = term.trim();
    if (wanted === requested.current) return;
    const timer = setTimeout(() => show(wanted), 300);
    return () => clearTimeout(timer);
  }, [term]);

  return (
    <form
      role="search"
      action="/dashboard"
      className="relative w-full sm:max-w-sm"
      onSubmit={(e) => {
        e.preventDefault();
        show(term.trim());
      }}
    >
      <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500" />
      <label htmlFor="organization-search" className="sr-only">
        Search organizations by name or domain
      </label>
      <Input
        id="organization-search"
        name="search"
        type="search"
        maxLength={200}
        placeholder="Search by name or domain"
        className="pl-9"
        value={term}
        onChange={(e) => setTerm(e.target.value)}
      />
      {pending ? (
        <span className="absolute top-1/2 right-3 -translate-y-1/2 text-slate-500">
          <Spinner label="Searching" />
        </span>
      ) : null}
    </form>
  );
}
