"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useForm, type UseFormSetError } from "react-hook-form";
import type { z } from "zod";
import { asSentence, serverProblem, type ServerProblem } from "@/components/forms/server-errors";
import { buttonClass, Button } from "@/components/ui/button";
import { Alert, Spinner } from "@/components/ui/feedback";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { CreateOrganizationInput } from "@/server/services/organizations/schemas";
import { DomainRows, MetadataRows } from "./form-rows";
import { organizationFormSchema, organizationInputOf, type OrganizationFormValues } from "./organization-form-schema";

type Output = z.output<typeof organizationFormSchema>;

/** Puts each server-side problem under the field it is about; the rest goes above the form. */
function showServerProblem(problem: ServerProblem, values: OrganizationFormValues, setError: UseFormSetError<OrganizationFormValues>) {
  let placed = false;
  for (const e of problem.fieldErrors) {
    const message = asSentence(e.message ?? e.code);
    const domain = /^domainData\.(\d+)\.(domain|state)$/.exec(e.field);
    const metadataKey = /^metadata\.(.+)$/.exec(e.field)?.[1];
    const metadataRow = metadataKey === undefined ? -1 : values.metadata.findIndex((m) => m.key.trim() === metadataKey);
    if (e.field === "name" || e.field === "externalId") setError(e.field, { type: "server", message });
    else if (domain) setError(`domains.${Number(domain[1])}.${domain[2] as "domain" | "state"}`, { type: "server", message });
    else if (metadataRow >= 0) setError(`metadata.${metadataRow}.${/key/i.test(message) ? "key" : "value"}`, { type: "server", message });
    else continue;
    placed = true;
  }
  if (problem.domainCode === "external_id_conflict") {
    setError("externalId", { type: "server", message: problem.message });
    placed = true;
  }
  const claimedRow = values.domains.findIndex((d) => d.domain.trim() && problem.message.includes(d.domain.trim().toLowerCase()));
  if (problem.domainCode === "domain_already_verified" && claimedRow >= 0) {
    setError(`domains.${claimedRow}.domain`, { type: "server", message: problem.message });
    placed = true;
  }
  if (!placed) setError("root.server", { type: "server", message: problem.message });
}

export function OrganizationForm({
  defaultValues,
  submitLabel,
  cancelHref,
  onSubmit,
}: {
  defaultValues: OrganizationFormValues;
  submitLabel: string;
  cancelHref: string;
  onSubmit: (input: CreateOrganizationInput) => Promise<unknown>;
}) {
  // Validating on submit (then on change) keeps error text from shifting buttons under the pointer on blur.
  const form = useForm<OrganizationFormValues, unknown, Output>({ resolver: zodResolver(organizationFormSchema), defaultValues });
  const { register, control, formState, setError, getValues } = form;
  const { errors, isSubmitting } = formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(organizationInputOf(values));
    } catch (error) {
      showServerProblem(serverProblem(error), getValues(), setError);
    }
  });

  const section = "border-t border-slate-200 px-5 py-6 sm:grid sm:grid-cols-3 sm:gap-6 first:border-t-0";
  return (
    <form onSubmit={submit} noValidate className="rounded-lg border border-slate-200 bg-white shadow-sm">
      {errors.root?.server?.message ? (
        <div className="px-5 pt-5">
          <Alert title="The organization was not saved">{errors.root.server.message}</Alert>
        </div>
      ) : null}
      <fieldset className={section}>
        <legend className="sr-only">Details</legend>
        <div aria-hidden className="mb-4 sm:mb-0">
          <h2 className="text-sm font-semibold text-slate-900">Details</h2>
          <p className="mt-1 text-sm text-slate-600">How the organization appears in Portico and in your app.</p>
        </div>
        <div className="space-y-5 sm:col-span-2">
          <Field id="name" label="Name" error={errors.name?.message}>
            <Input
              id="name"
              autoComplete="organization"
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={describedBy("name", { error: errors.name?.message })}
              {...register("name")}
            />
          </Field>
          <Field id="externalId" label="External ID" hint="Optional. Your own identifier for this customer; must be unique." error={errors.externalId?.message}>
            <Input
              id="externalId"
              autoComplete="off"
              className="font-mono"
              aria-invalid={errors.externalId ? true : undefined}
              aria-describedby={describedBy("externalId", { error: errors.externalId?.message, hint: true })}
              {...register("externalId")}
            />
          </Field>
        </div>
      </fieldset>
      <fieldset className={section}>
        <legend className="sr-only">Domains</legend>
        <div aria-hidden className="mb-4 sm:mb-0">
          <h2 className="text-sm font-semibold text-slate-900">Domains</h2>
          <p className="mt-1 text-sm text-slate-600">Verified domains route users to this organization&apos;s SSO.</p>
        </div>
        <div className="sm:col-span-2">
          <DomainRows control={control} register={register} errors={errors} />
        </div>
      </fieldset>
      <fieldset className={section}>
        <legend className="sr-only">Metadata</legend>
        <div aria-hidden className="mb-4 sm:mb-0">
          <h2 className="text-sm font-semibold text-slate-900">Metadata</h2>
          <p className="mt-1 text-sm text-slate-600">Up to 50 key/value pairs, returned by the API.</p>
        </div>
        <div className="sm:col-span-2">
          <MetadataRows control={control} register={register} errors={errors} />
        </div>
      </fieldset>
      <div className="flex flex-col-reverse gap-2 rounded-b-lg border-t border-slate-200 bg-slate-50 px-5 py-4 sm:flex-row sm:justify-end">
        <Link href={cancelHref} className={buttonClass("secondary")}>
          Cancel
        </Link>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? <Spinner /> : null}
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
