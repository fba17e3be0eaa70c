"use client";

import { Plus, Trash2 } from "lucide-react";
import { useFieldArray, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { OrganizationFormValues } from "./organization-form-schema";

interface RowsProps {
  control: Control<OrganizationFormValues>;
  register: UseFormRegister<OrganizationFormValues>;
  errors: FieldErrors<OrganizationFormValues>;
}

const removeClass = "mt-0.5 text-slate-500 hover:text-red-700";

export function DomainRows({ control, register, errors }: RowsProps) {
  const { fields, append, remove } = useFieldArray({ control, name: "domains" });
  return (
    <div className="space-y-3">
      {fields.length === 0 ? <p className="text-sm text-slate-600">No domains yet. Users with these email domains belong to the organization.</p> : null}
      {fields.map((field, i) => {
        const error = errors.domains?.[i]?.domain?.message;
        return (
          <div key={field.id}>
            <div className="flex items-start gap-2">
              <label htmlFor={`domain-${i}`} className="sr-only">{`Domain ${i + 1}`}</label>
              <div className="min-w-0 flex-1">
                <Input
                  id={`domain-${i}`}
                  placeholder="example.com"
                  autoComplete="off"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `domain-${i}-error` : undefined}
                  {...register(`domains.${i}.domain`)}
                />
              </div>
              <label htmlFor={`domain-state-${i}`} className="sr-only">{`State of domain ${i + 1}`}</label>
              <div className="w-32 shrink-0">
                <Select id={`domain-state-${i}`} {...register(`domains.${i}.state`)}>
                  <option value="pending">Pending</option>
                  <option value="verified">Verified</option>
                </Select>
              </div>
              <Button variant="ghost" size="md" className={removeClass} aria-label={`Remove domain ${i + 1}`} onClick={() => remove(i)}>
                <Trash2 aria-hidden className="size-4" />
              </Button>
            </div>
            <FieldError id={`domain-${i}-error`} message={error} />
          </div>
        );
      })}
      <Button variant="secondary" size="sm" onClick={() => append({ domain: "", state: "pending" }, { shouldFocus: true })}>
        <Plus aria-hidden className="size-3.5" /> Add domain
      </Button>
    </div>
  );
}

export function MetadataRows({ control, register, errors }: RowsProps) {
  const { fields, append, remove } = useFieldArray({ control, name: "metadata" });
  return (
    <div className="space-y-3">
      {fields.length === 0 ? <p className="text-sm text-slate-600">No metadata. Store your own identifiers or plan names as key/value pairs.</p> : null}
      {fields.map((field, i) => {
        const keyError = errors.metadata?.[i]?.key?.message;
        const valueError = errors.metadata?.[i]?.value?.message;
        return (
          <div key={field.id}>
            <div className="flex items-start gap-2">
              <label htmlFor={`metadata-key-${i}`} className="sr-only">{`Metadata key ${i + 1}`}</label>
              <div className="w-2/5 shrink-0">
                <Input
                  id={`metadata-key-${i}`}
                  placeholder="key"
                  autoComplete="off"
                  className="font-mono"
                  aria-invalid={keyError ? true : undefined}
                  aria-describedby={keyError ? `metadata-${i}-error` : undefined}
                  {...register(`metadata.${i}.key`)}
                />
              </div>
              <label htmlFor={`metadata-value-${i}`} className="sr-only">{`Metadata value ${i + 1}`}</label>
              <div className="min-w-0 flex-1">
                <Input
                  id={`metadata-value-${i}`}
                  placeholder="value"
                  autoComplete="off"
                  aria-invalid={valueError ? true : undefined}
                  aria-describedby={valueError ? `metadata-${i}-error` : undefined}
                  {...register(`metadata.${i}.value`)}
                />
              </div>
              <Button variant="ghost" size="md" className={removeClass} aria-label={`Remove metadata entry ${i + 1}`} onClick={() => remove(i)}>
                <Trash2 aria-hidden className="size-4" />
              </Button>
            </div>
            <FieldError id={`metadata-${i}-error`} message={keyError ?? valueError} />
          </div>
        );
      })}
      <Button variant="secondary" size="sm" onClick={() => append({ key: "", value: "" }, { shouldFocus: true })}>
        <Plus aria-hidden className="size-3.5" /> Add metadata
      </Button>
    </div>
  );
}
