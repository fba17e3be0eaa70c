import { CopyButton } from "@/components/ui/copy-button";

function RecordValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd className="mt-1 flex items-center gap-2">
        <code className="min-w-0 flex-1 rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1.5 font-mono text-sm break-all text-slate-900">{value}</code>
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      </dd>
    </div>
  );
}

/** The TXT record to publish: its full host name and its exact value, each with a copy button. */
export function DnsRecord({ host, value }: { host: string; value: string }) {
  return (
    <dl className="grid gap-3">
      <div>
        <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">Type</dt>
        <dd className="mt-1 font-mono text-sm text-slate-900">TXT</dd>
      </div>
      <RecordValue label="Host name" value={host} />
      <RecordValue label="Value" value={value} />
    </dl>
  );
}
