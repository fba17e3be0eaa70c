"use client";

import { Send } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { Alert, Spinner } from "@/components/ui/feedback";
import type { LogStreamView, TestResult } from "@/server/services/log-streams";
import type { LogStreamApi, SaveResult } from "./api";
import { DestinationFields } from "./destination-fields";
import { destinations } from "./destinations";
import { formValuesOf, streamInputOf, type StreamFormValues } from "./form-values";
import { TestAnswer } from "./test-answer";

/**
 * Choosing and configuring the destination. "Send test event" shows the destination's own answer; a save
 * the destination refuses stops at a warning, and "Save anyway" keeps the stream as `invalid`.
 */
export function StreamForm({
  api,
  saved,
  onSaved,
  onCancel,
}: {
  api: LogStreamApi;
  saved: LogStreamView | null;
  onSaved: (result: SaveResult) => void;
  onCancel?: () => void;
}) {
  const form = useForm<StreamFormValues>({ defaultValues: formValuesOf(saved) });
  const [answer, setAnswer] = useState<TestResult | null>(null);
  const [refused, setRefused] = useState<TestResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<"test" | "save" | null>(null);
  const kind = form.watch("kind");
  const destination = destinations.find((d) => d.kind === kind)!;
  const savedSecret = saved?.kind === kind ? saved.credential : null;

  const run = async (what: "test" | "save", action: () => Promise<void>) => {
    setBusy(what);
    setProblem(null);
    form.clearErrors();
    try {
      await action();
    } catch (error) {
      const p = serverProblem(error);
      for (const e of p.fieldErrors) form.setError(e.field as keyof StreamFormValues, { type: "server", message: asSentence(e.message ?? e.code) });
      if (p.fieldErrors.length === 0) setProblem(p.message);
    } finally {
      setBusy(null);
    }
  };
  const sendTest = () => run("test", async () => setAnswer(await api.test(streamInputOf(form.getValues()))));
  const save = (acceptRefused: boolean) =>
    run("save", async () => {
      const result = await api.save(streamInputOf(form.getValues()), acceptRefused);
      setAnswer(result.test);
      if (!result.saved) return setRefused(result.test);
      setRefused(null);
      onSaved(result);
    });

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
      className="space-y-6"
    >
      <fieldset>
        <legend className="text-base font-semibold text-slate-900">1. Choose where events go</legend>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          {destinations.map((d) => (
            <label
              key={d.kind}
              className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm has-checked:border-brand-600 has-checked:ring-1 has-checked:ring-brand-600"
            >
              <input type="radio" value={d.kind} className="mt-1" {...form.register("kind", { onChange: () => setAnswer(null) })} />
              <span>
                <span className="block font-medium text-slate-900">{d.label}</span>
                <span className="block text-sm text-slate-600">{d.summary}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <section aria-labelledby="stream-setup" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="stream-setup" className="text-base font-semibold text-slate-900">
          2. Set up {destination.label}
        </h2>
        <ol className="mt-3 list-decimal space-y-1 pl-5 text-sm text-slate-700">
          {destination.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <div className="mt-5">
          <DestinationFields form={form} savedSecret={savedSecret} externalId={api.externalId} />
        </div>
      </section>

      <section aria-labelledby="stream-check" className="space-y-3">
        <h2 id="stream-check" className="text-base font-semibold text-slate-900">
          3. Check and save
        </h2>
        {problem ? <Alert title="That did not work">{problem}</Alert> : null}
        {answer ? <TestAnswer result={answer} /> : null}
        {refused ? (
          <Alert tone="amber" title="The destination refused these credentials">
            <p>Events will not be delivered until the credentials are fixed. You can save anyway; the stream is then marked invalid.</p>
            <Button type="button" variant="secondary" className="mt-3" disabled={busy !== null} onClick={() => void save(true)}>
              Save anyway
            </Button>
          </Alert>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" disabled={busy !== null} onClick={() => void sendTest()}>
            {busy === "test" ? <Spinner /> : <Send aria-hidden className="size-4" />} Send test event
          </Button>
          <Button type="submit" disabled={busy !== null}>
            {busy === "save" ? <Spinner /> : null} Save stream
          </Button>
          {onCancel ? (
            <Button type="button" variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
        </div>
      </section>
    </form>
  );
}
