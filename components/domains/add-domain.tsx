"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { domainProblem } from "@/components/forms/domain-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { FieldError, describedBy } from "@/components/ui/field";
import { Spinner } from "@/components/ui/feedback";
import { Input } from "@/components/ui/input";

/** Staff add a pending domain; it gets a TXT challenge like one the IT admin adds. */
export function AddDomain({ organizationId, onAdded }: { organizationId: string; onAdded: (domain: string) => Promise<void> }) {
  const trpc = useTRPC();
  const add = useMutation(trpc.domains.add.mutationOptions());
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();

  const submit = async () => {
    if (!value.trim()) return setError("Enter a domain, like example.com.");
    try {
      const domain = await add.mutateAsync({ organizationId, domain: value });
      setValue("");
      setError(undefined);
      await onAdded(domain.domain);
    } catch (e) {
      setError(domainProblem(e));
    }
  };

  return (
    <form
      noValidate
      className="border-b border-slate-200 px-5 py-4"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor="add-domain" className="sr-only">
        Domain to add
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id="add-domain"
          placeholder="example.com"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy("add-domain", { error })}
        />
        <Button type="submit" variant="secondary" disabled={add.isPending}>
          {add.isPending ? <Spinner /> : <Plus aria-hidden className="size-4" />} Add domain
        </Button>
      </div>
      <FieldError id="add-domain-error" message={error} />
    </form>
  );
}
