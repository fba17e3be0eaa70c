"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { textColorOn } from "@/components/portal/colors";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { useToast } from "@/components/providers/toast-provider";
import { useTRPC, type RouterOutputs } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Skeleton, Spinner } from "@/components/ui/feedback";
import { describedBy, Field, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { BrandingPreview } from "./branding-preview";
import { LogoField } from "./logo-field";
import { ReadOnlyNote } from "./read-only-note";

type Branding = RouterOutputs["settings"]["branding"];

const HEX = /^#[0-9a-fA-F]{6}$/;

export function BrandingSettings({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.settings.branding.queryOptions());
  if (query.isError) return <Alert title="Could not load the branding">{query.error.message}</Alert>;
  if (!query.data) return <Skeleton className="h-96 w-full" />;
  return <BrandingForm initial={query.data} canEdit={canEdit} />;
}

function BrandingForm({ initial, canEdit }: { initial: Branding; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const save = useMutation(trpc.settings.updateBranding.mutationOptions());
  const [productName, setProductName] = useState(initial.productName);
  const [logoUrl, setLogoUrl] = useState(initial.logoUrl ?? "");
  const [color, setColor] = useState(initial.primaryColor);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const validColor = HEX.test(color);
  const preview = {
    productName: productName.trim() || "Your product",
    logoUrl: logoUrl.trim() || null,
    primaryColor: validColor ? color : initial.primaryColor,
  };

  const submit = async () => {
    setProblem(undefined);
    if (!validColor) return setErrors({ primaryColor: "Use a hex colour such as #2f54d8." });
    try {
      const saved = await save.mutateAsync({ productName, logoUrl: logoUrl.trim() || null, primaryColor: color });
      setErrors({});
      queryClient.setQueryData(trpc.settings.branding.queryKey(), saved);
      toast("Branding saved");
    } catch (e) {
      const p = serverProblem(e);
      if (!p.fieldErrors.length) return setProblem(p.message);
      setErrors(Object.fromEntries(p.fieldErrors.map((f) => [f.field, asSentence(f.message ?? "is not valid")])));
    }
  };

  return (
    <form
      noValidate
      className="grid gap-6 lg:grid-cols-5"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="space-y-6 lg:col-span-3">
        {canEdit ? null : <ReadOnlyNote what="the branding" />}
        {problem ? <Alert>{problem}</Alert> : null}
        <Card>
          <CardHeader title="Portal and email" description="IT admins see this in the Admin Portal and in the setup-link email." />
          <div className="space-y-5 px-5 py-4">
            <Field id="product-name" label="Product name" error={errors.productName} hint="Your app's name, as your customers know it.">
              <Input
                id="product-name"
                value={productName}
                disabled={!canEdit}
                maxLength={60}
                autoComplete="off"
                onChange={(e) => setProductName(e.target.value)}
                aria-invalid={errors.productName ? true : undefined}
                aria-describedby={describedBy("product-name", { error: errors.productName, hint: true })}
              />
            </Field>
            <LogoField value={logoUrl} onChange={setLogoUrl} error={errors.logoUrl} disabled={!canEdit} />
            <div>
              <label htmlFor="primary-color" className="mb-1.5 block text-sm font-medium text-slate-800">
                Primary colour
              </label>
              <div className="flex items-center gap-2">
                <input
                  type="color"
                  aria-label="Pick the primary colour"
                  value={validColor ? color.toLowerCase() : initial.primaryColor}
                  disabled={!canEdit}
                  onChange={(e) => setColor(e.target.value)}
                  className="h-9 w-12 shrink-0 cursor-pointer rounded-md border border-slate-300 bg-white p-1 disabled:cursor-not-allowed"
                />
                <Input
                  id="primary-color"
                  value={color}
                  disabled={!canEdit}
                  maxLength={7}
                  className="w-32 font-mono"
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(e) => setColor(e.target.value.startsWith("#") ? e.target.value : `#${e.target.value}`)}
                  aria-invalid={errors.primaryColor || !validColor ? true : undefined}
                  aria-describedby={describedBy("primary-color", { error: errors.primaryColor, hint: true })}
                />
              </div>
              <p id="primary-color-hint" className="mt-1.5 text-xs text-slate-600">
                Buttons and accents.{" "}
                {validColor
                  ? `Text on it will be ${textColorOn(color) === "#ffffff" ? "white" : "dark"}, whichever reads better.`
                  : "Enter six hex digits, like #2f54d8."}
              </p>
              <FieldError id="primary-color-error" message={errors.primaryColor} />
            </div>
          </div>
        </Card>
        {canEdit ? (
          <div className="flex justify-end">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? <Spinner /> : null} Save branding
            </Button>
          </div>
        ) : null}
      </div>
      <div className="lg:col-span-2">
        <div className="lg:sticky lg:top-6">
          <h2 className="mb-2 text-sm font-medium text-slate-800">Live preview</h2>
          <BrandingPreview branding={preview} />
        </div>
      </div>
    </form>
  );
}
