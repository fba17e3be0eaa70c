"use client";

import { Plus, Trash2 } from "lucide-react";
import { useFieldArray, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-button";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { datadogSiteOptions } from "./destinations";
import type { StreamFormValues } from "./form-values";

type Name = "apiKey" | "source" | "url" | "token" | "bucket" | "region" | "prefix" | "endpoint" | "accessKeyId" | "secretAccessKey" | "roleArn";

/** The fields of the chosen destination. A saved secret shows as ••••1234 and is kept when left blank. */
export function DestinationFields({
  form,
  savedSecret,
  externalId,
}: {
  form: UseFormReturn<StreamFormValues>;
  savedSecret: string | null;
  externalId?: string;
}) {
  const { register, watch, formState } = form;
  const errors = formState.errors;
  const kind = watch("kind");
  const auth = watch("auth");
  const headers = useFieldArray({ control: form.control, name: "headers" });
  const text = (name: Name, label: string, options: { hint?: string; secret?: boolean; placeholder?: string } = {}) => {
    const id = `stream-${name}`;
    const error = errors[name]?.message;
    const hint = options.secret && savedSecret ? `Saved as ${savedSecret}. Leave blank to keep it.` : options.hint;
    return (
      <Field id={id} label={label} error={error} hint={hint}>
        <Input
          id={id}
          type={options.secret ? "password" : "text"}
          autoComplete="off"
          placeholder={options.placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, { error, hint })}
          {...register(name)}
        />
      </Field>
    );
  };
  if (kind === "datadog")
    return (
      <div className="grid gap-4">
        {text("apiKey", "API key", { secret: true })}
        <Field id="stream-site" label="Site">
          <Select id="stream-site" {...register("site")}>
            {datadogSiteOptions.map((site) => (
              <option key={site}>{site}</option>
            ))}
          </Select>
        </Field>
        {text("source", "Source name (optional)", { placeholder: "portico" })}
      </div>
    );
  if (kind === "splunk")
    return (
      <div className="grid gap-4">
        {text("url", "Instance URL", { placeholder: "https://splunk.example.com:8088" })}
        {text("token", "HEC token", { secret: true })}
        {text("source", "Source (optional)", { placeholder: "portico" })}
      </div>
    );
  if (kind === "s3")
    return (
      <div className="grid gap-4">
        {text("bucket", "Bucket", { placeholder: "acme-audit-logs" })}
        {text("region", "Region", { placeholder: "us-east-1" })}
        {text("prefix", "Prefix (optional)", { placeholder: "portico/" })}
        {text("endpoint", "Endpoint (S3-compatible stores only)", { placeholder: "https://storage.example.com" })}
        <fieldset>
          <legend className="mb-1.5 text-sm font-medium text-slate-800">Access</legend>
          <div className="flex flex-wrap gap-4 text-sm text-slate-800">
            <label className="inline-flex items-center gap-2">
              <input type="radio" value="keys" {...register("auth")} /> Access key pair
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="radio" value="role" {...register("auth")} /> Role to assume
            </label>
          </div>
        </fieldset>
        {auth === "role" ? (
          <>
            {externalId ? <CopyField id="stream-external-id" label="External id for the role's trust policy" value={externalId} /> : null}
            {text("roleArn", "Role ARN", { placeholder: "arn:aws:iam::123456789012:role/portico-log-stream" })}
          </>
        ) : (
          <>
            {text("accessKeyId", "Access key id")}
            {text("secretAccessKey", "Secret access key", { secret: true })}
          </>
        )}
      </div>
    );
  return (
    <div className="grid gap-4">
      {text("url", "Endpoint URL", { placeholder: "https://logs.example.com/portico" })}
      <Field id="stream-format" label="Body format">
        <Select id="stream-format" {...register("format")}>
          <option value="json">JSON array</option>
          <option value="ndjson">NDJSON (one event per line)</option>
        </Select>
      </Field>
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-slate-800">Custom headers</legend>
        <div className="space-y-2">
          {headers.fields.map((field, i) => (
            <div key={field.id} className="grid grid-cols-[1fr_1fr_auto] gap-2">
              <Input aria-label={`Header ${i + 1} name`} placeholder="Authorization" {...register(`headers.${i}.name`)} />
              <Input
                aria-label={`Header ${i + 1} value`}
                type="password"
                autoComplete="off"
                placeholder={savedSecret ? "Leave blank to keep" : "Bearer …"}
                {...register(`headers.${i}.value`)}
              />
              <Button type="button" variant="ghost" aria-label={`Remove header ${i + 1}`} onClick={() => headers.remove(i)}>
                <Trash2 aria-hidden className="size-4" />
              </Button>
            </div>
          ))}
          {errors.headers ? <p className="text-sm text-red-700">Every header needs a value.</p> : null}
          <Button type="button" variant="secondary" size="sm" onClick={() => headers.append({ name: "", value: "" })}>
            <Plus aria-hidden className="size-4" /> Add header
          </Button>
        </div>
      </fieldset>
    </div>
  );
}
