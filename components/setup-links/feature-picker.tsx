"use client";

import type { PortalIntent } from "@/db/schema";
import type { FeatureOption } from "@/components/portal/features";

/**
 * Checkboxes for the features a setup link is made for, each with a line saying what it sets up. Without
 * `onChange` the boxes keep their own state and are sent with their form as `intents`.
 */
export function FeaturePicker({
  features,
  selected,
  onChange,
  error,
}: {
  features: FeatureOption[];
  selected: PortalIntent[];
  onChange?: (next: PortalIntent[]) => void;
  error?: string;
}) {
  const toggle = (intent: PortalIntent, on: boolean) => onChange?.(on ? [...selected, intent] : selected.filter((i) => i !== intent));
  const state = (intent: PortalIntent) =>
    onChange
      ? { checked: selected.includes(intent), onChange: (e: { target: { checked: boolean } }) => toggle(intent, e.target.checked) }
      : { defaultChecked: selected.includes(intent), name: "intents", value: intent };
  return (
    <fieldset aria-describedby={error ? "features-error" : undefined}>
      <legend className="text-sm font-medium text-slate-800">Features the IT admin will set up</legend>
      <div className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200">
        {features.map(({ intent, label, description }) => {
          const id = `feature-${intent}`;
          return (
            <label key={intent} htmlFor={id} className="flex cursor-pointer gap-3 px-3.5 py-3 hover:bg-slate-50 has-[:checked]:bg-brand-50/60">
              <input
                id={id}
                type="checkbox"
                {...state(intent)}
                aria-labelledby={`${id}-label`}
                aria-describedby={`${id}-description`}
                className="mt-0.5 size-4 shrink-0 accent-brand-600"
              />
              <span className="min-w-0">
                <span id={`${id}-label`} className="block text-sm font-medium text-slate-900">
                  {label}
                </span>
                <span id={`${id}-description`} className="block text-sm text-slate-600">
                  {description}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      {error ? (
        <p id="features-error" role="alert" className="mt-1.5 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
