"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { domainProblem } from "@/components/forms/domain-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/feedback";
import { describedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/**
 * Adds one or more domains (separated by commas, spaces or new lines). Each is added on its own, so
 * one refused domain keeps its reason and stays in the field while the others go through.
 */
export function AddDomains({ onAdded }: { onAdded: () => Promise<void> }) {
  const trpc = useTRPC();
  const add = useMutation(trpc.portal.domains.add.mutationOptions());
  const [value, setValue] = useState("");
  const [errors, setErrors] = useState<{ domain: string; message: string }[]>([]);
  const [pending, setPending] = useState(false);
  const id = "new-domains";
  const error = errors.length ? "error" : undefined;

  const submit = async () => {
    const domains = [...new Set(value.split(/[\s,;]+/).map((d) => d.trim()).filter(Boolean))];
    if (domains.length === 0) return setErrors([{ domain: "", message: "Enter a domain, like example.com." }]);
    setPending(true);
    const refused: { domain: string; message: string }[] = [];
    for (const domain of domains) {
      try {
        await add.mutateAsync({ domain });
      } catch (e) {
        refused.push({ domain, message: domainProblem(e) });
      }
    }
    setPending(false);
    setErrors(refused);
    setValue(refused.map((r) => r.domain).join(", "));
    if (refused.length < domains.length) await onAdded();
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Domain
      </label>
      <div className="mt-1.5 flex flex-col gap-2 sm:flex-row">
        <Input
          id={id}
          value={value}
          placeholder="example.com"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, { error, hint: true })}
        />
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner /> : <Plus aria-hidden className="size-4" />} Add domain
        </Button>
      </div>
      <p id={`${id}-hint`} className="mt-1.5 text-xs text-slate-600">
        The domain your people use for email, such as <span className="font-mono">example.com</span>. Separate several with commas.
      </p>
      {errors.length ? (
        <ul id={`${id}-error`} role="alert" className="mt-1.5 space-y-0.5 text-sm text-red-700">
          {errors.map((r) => (
            <li key={r.domain || "empty"}>{r.message}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
