"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Alert, Spinner } from "@/components/ui/feedback";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { Connection } from "./sso-setup";

const fields = [
  ["email", "Email"],
  ["firstName", "First name"],
  ["lastName", "Last name"],
  ["groups", "Groups"],
] as const;

/** Which IdP attribute becomes which profile field; starts from the provider's defaults. */
export function AttributeMapping({ connection }: { connection: Connection }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.portal.sso.configure.mutationOptions());
  const [mapping, setMapping] = useState({ email: "", firstName: "", lastName: "", groups: "", ...connection.attributeMapping });
  const [message, setMessage] = useState<{ tone: "red" | "brand"; text: string }>();
  return (
    <form
      className="space-y-3 border-t border-slate-200 px-5 py-4"
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await save.mutateAsync({ id: connection.id, attributeMapping: mapping });
          await queryClient.invalidateQueries({ queryKey: trpc.portal.sso.get.queryKey() });
          setMessage({ tone: "brand", text: "Attribute mapping saved." });
        } catch (e) {
          setMessage({ tone: "red", text: serverProblem(e).message });
        }
      }}
    >
      <h3 className="text-sm font-semibold text-slate-900">Attribute mapping</h3>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {fields.map(([key, label]) => (
          <Field key={key} id={`mapping-${key}`} label={`${label} attribute`}>
            <Input id={`mapping-${key}`} value={mapping[key]} onChange={(e) => setMapping((m) => ({ ...m, [key]: e.target.value }))} className="font-mono" />
          </Field>
        ))}
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={save.isPending}>
        {save.isPending ? <Spinner /> : null} Save mapping
      </Button>
    </form>
  );
}
