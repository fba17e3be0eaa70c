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

/** The domains typed, split on commas, semicolons and new lines (not spaces: "not a domain" is one bad entry). */
function typedDomains(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,;\n]+/)
        .map((d) => d.trim())
        .filter(Boolean),
    ),
  ];
}

/** Text with a space inside is never a domain: said while typing, before anything is sent. */
function spacedProblem(value: string): string | null {
  const spaced = typedDomains(value).find((d) => /\s/.test(d));
  return spaced ? `"${spaced}" is not a domain: a domain has no spaces, like example.com. Separate several domains with commas.` : null;
}

/** What is visibly wrong with what was submitted; the server checks the rest. */
function typedProblem(value: string): string | null {
  const dotless = typedDomains(value).find((d) => !d.includes("."));
  return spacedProblem(value) ?? (dotless ? `"${dotless}" is not a domain: it needs a dot, like example.com.` : null);
}

/**
 * Adds one or more domains (separated by commas or new lines). Each is added on its own, so one
 * refused domain keeps its reason and stays in the field while the others go through.
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
    const domains = typedDomains(value);
    if (domains.length === 0) return setErrors([{ domain: "", message: "Enter a domain, like example.com." }]);
    const problem = typedProblem(value);
    if (problem) return setErrors([{ domain: "", message: problem }]);
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
          onChange={(e) => {
            setValue(e.target.value);
            const problem = spacedProblem(e.target.value);
            setErrors(problem ? [{ domain: "", message: problem }] : []);
          }}
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
