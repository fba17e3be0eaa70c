"use client";

import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export interface CallbackRow {
  key: number;
  url: string;
}

/** The SSO callback URLs, one editable row each. */
export function CallbackUrlRows({
  rows,
  errors,
  disabled,
  onChange,
}: {
  rows: CallbackRow[];
  errors: Record<number, string>;
  disabled: boolean;
  onChange: (rows: CallbackRow[]) => void;
}) {
  const nextKey = () => Math.max(0, ...rows.map((r) => r.key)) + 1;
  return (
    <div className="space-y-3">
      {rows.length === 0 ? <p className="text-sm text-slate-600">No callback URLs yet. SSO sign-ins are refused until one is added.</p> : null}
      {rows.map((row, i) => {
        const id = `sso-callback-${i}`;
        const error = errors[i];
        return (
          <div key={row.key}>
            <div className="flex items-start gap-2">
              <label htmlFor={id} className="sr-only">{`Callback URL ${i + 1}`}</label>
              <Input
                id={id}
                value={row.url}
                disabled={disabled}
                placeholder="https://app.example.com/sso/callback"
                autoComplete="off"
                spellCheck={false}
                className="font-mono"
                onChange={(e) => onChange(rows.map((r) => (r.key === row.key ? { ...r, url: e.target.value } : r)))}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
              />
              {disabled ? null : (
                <Button
                  variant="ghost"
                  className="text-slate-500 hover:text-red-700"
                  aria-label={`Remove callback URL ${i + 1}`}
                  onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                >
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              )}
            </div>
            <FieldError id={`${id}-error`} message={error} />
          </div>
        );
      })}
      {disabled ? null : (
        <Button variant="secondary" size="sm" onClick={() => onChange([...rows, { key: nextKey(), url: "" }])}>
          <Plus aria-hidden className="size-3.5" /> Add callback URL
        </Button>
      )}
    </div>
  );
}
