"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { DialogActions } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";
import { describedBy, Field, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { eventGroups } from "./event-groups";

const schema = z.object({
  endpointUrl: z
    .string()
    .trim()
    .min(1, "Enter the URL that receives events.")
    .refine((v) => URL.canParse(v), "Enter a full URL, like https://api.example.com/webhooks/portico."),
  events: z.array(z.string()).min(1, "Choose at least one event."),
});
type EndpointFormValues = z.infer<typeof schema>;

/** The URL and the events an endpoint receives; server-side problems land under their field. */
export function EndpointForm({
  defaultValues,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  defaultValues: EndpointFormValues;
  submitLabel: string;
  onSubmit: (values: EndpointFormValues) => Promise<unknown>;
  onCancel: () => void;
}) {
  const form = useForm<EndpointFormValues>({ resolver: zodResolver(schema), defaultValues });
  const { register, formState, setError, setValue, watch } = form;
  const { errors, isSubmitting } = formState;
  const chosen = watch("events");

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values);
    } catch (error) {
      const problem = serverProblem(error);
      const url = problem.fieldErrors.find((e) => e.field === "endpointUrl");
      const events = problem.fieldErrors.find((e) => e.field.startsWith("events"));
      if (url) setError("endpointUrl", { type: "server", message: asSentence(url.message ?? url.code) });
      if (events) setError("events", { type: "server", message: asSentence(events.message ?? events.code) });
      if (!url && !events) setError("root.server", { type: "server", message: problem.message });
    }
  });

  const toggleGroup = (events: string[], on: boolean) =>
    setValue("events", on ? [...new Set([...chosen, ...events])] : chosen.filter((e) => !events.includes(e)), { shouldValidate: formState.isSubmitted });

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {errors.root?.server?.message ? <Alert title="The endpoint was not saved">{errors.root.server.message}</Alert> : null}
      <Field
        id="endpoint-url"
        label="Endpoint URL"
        hint="Must use https. Portico POSTs each event here, signed with the endpoint's secret."
        error={errors.endpointUrl?.message}
      >
        <Input
          id="endpoint-url"
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://api.example.com/webhooks/portico"
          aria-invalid={errors.endpointUrl ? true : undefined}
          aria-describedby={describedBy("endpoint-url", { error: errors.endpointUrl?.message, hint: true })}
          {...register("endpointUrl")}
        />
      </Field>
      <fieldset aria-describedby={errors.events ? "endpoint-events-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Events to send</legend>
        <div className="mt-2 max-h-72 space-y-4 overflow-y-auto rounded-md border border-slate-200 p-3">
          {eventGroups.map((group) => {
            const all = group.events.every((e) => chosen.includes(e));
            return (
              <div key={group.label}>
                <label className="flex items-center gap-2 text-sm font-semibold text-slate-900">
                  <input type="checkbox" className="size-4 accent-brand-600" checked={all} onChange={(e) => toggleGroup(group.events, e.target.checked)} />
                  {group.label}
                </label>
                <ul className="mt-1.5 grid gap-1 pl-6 sm:grid-cols-2">
                  {group.events.map((name) => (
                    <li key={name}>
                      <label className="flex items-center gap-2 text-sm text-slate-700">
                        <input type="checkbox" value={name} className="size-4 accent-brand-600" {...register("events")} />
                        <code className="font-mono text-xs break-all">{name}</code>
                      </label>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
        <FieldError id="endpoint-events-error" message={errors.events?.message} />
      </fieldset>
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? <Spinner /> : null} {submitLabel}
        </Button>
      </DialogActions>
    </form>
  );
}
