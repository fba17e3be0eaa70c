import { CheckCircle2, XCircle } from "lucide-react";
import type { TestResult } from "@/server/services/log-streams";

/** The destination's answer to a test event, exactly as it came back. */
export function TestAnswer({ result }: { result: TestResult }) {
  const Icon = result.ok ? CheckCircle2 : XCircle;
  return (
    <div role="status" className={`rounded-lg border p-4 text-sm ${result.ok ? "border-emerald-200 bg-emerald-50" : "border-red-200 bg-red-50"}`}>
      <p className={`flex items-center gap-2 font-medium ${result.ok ? "text-emerald-900" : "text-red-900"}`}>
        <Icon aria-hidden className="size-4" />
        {result.ok ? "The destination accepted the test event" : "The destination did not accept the test event"}
        {result.status ? ` (HTTP ${result.status})` : ""}
      </p>
      {result.error && !result.status ? <p className="mt-1 text-red-900">{result.error}</p> : null}
      {result.body ? (
        <pre
          aria-label="The destination's answer"
          className="mt-2 max-h-40 overflow-auto rounded bg-white/70 p-2 font-mono text-xs whitespace-pre-wrap break-all text-slate-800"
        >
          {result.body}
        </pre>
      ) : null}
    </div>
  );
}
