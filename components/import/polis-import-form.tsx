"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { Alert, Spinner } from "@/components/ui/feedback";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const schema = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Enter the URL of the Polis instance.")
    .refine((v) => URL.canParse(v), "Enter a full URL, like https://sso.example.com."),
  apiKey: z.string().min(1, "Enter one of the Polis API keys (JACKSON_API_KEYS)."),
  products: z.string().trim().min(1, "Name at least one product."),
  dryRun: z.boolean(),
});
type PolisImportFormValues = z.infer<typeof schema>;

const fields = ["url", "apiKey", "products"] as const;

/** Where Polis is and which products to read; server-side problems land under their field. */
export function PolisImportForm({ onSubmit, disabled }: { onSubmit: (values: PolisImportFormValues) => Promise<unknown>; disabled: boolean }) {
  const form = useForm<PolisImportFormValues>({ resolver: zodResolver(schema), defaultValues: { url: "", apiKey: "", products: "", dryRun: true } });
  const { register, formState, setError } = form;
  const { errors, isSubmitting } = formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values);
    } catch (error) {
      const problem = serverProblem(error);
      let placed = false;
      for (const f of problem.fieldErrors) {
        const name = fields.find((n) => f.field === n || f.field.startsWith(`${n}.`));
        if (name) {
          setError(name, { type: "server", message: asSentence(f.message ?? f.code) });
          placed = true;
        }
      }
      if (!placed) setError("root.server", { type: "server", message: problem.message });
    }
  });

  const input = (name: (typeof fields)[number], props: { label: string; hint: string; placeholder: string; type?: string }) => (
    <Field id={`polis-${name}`} label={props.label} hint={props.hint} error={errors[name]?.message}>
      <Input
        id={`polis-${name}`}
        type={props.type ?? "text"}
        autoComplete="off"
        spellCheck={false}
        placeholder={props.placeholder}
        disabled={disabled}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={describedBy(`polis-${name}`, { error: errors[name]?.message, hint: true })}
        {...register(name)}
      />
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-5 px-5 py-4">
      {errors.root?.server?.message ? <Alert title="The import did not start">{errors.root.server.message}</Alert> : null}
      {input("url", {
        label: "Polis URL",
        hint: "Where its admin API answers, e.g. https://sso.example.com.",
        placeholder: "https://sso.example.com",
        type: "url",
      })}
      {input("apiKey", { label: "API key", hint: "Used for this import only, then erased.", placeholder: "one of JACKSON_API_KEYS", type: "password" })}
      {input("products", { label: "Products", hint: "Polis lists tenants per product: separate several with commas.", placeholder: "my-app" })}
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" className="size-4 rounded border-slate-300" disabled={disabled} {...register("dryRun")} />
        Dry run: show the plan, write nothing
      </label>
      <Button type="submit" disabled={disabled || isSubmitting}>
        {isSubmitting ? <Spinner /> : null}
        Start import
      </Button>
    </form>
  );
}
