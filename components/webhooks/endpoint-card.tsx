import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { DeliveriesTable } from "./deliveries-table";
import { EndpointActions } from "./endpoint-actions";
import { SendTestEvent } from "./send-test";
import type { Endpoint } from "./types";

export function EndpointCard({ endpoint, canEdit }: { endpoint: Endpoint; canEdit: boolean }) {
  const headingId = `endpoint-${endpoint.id}`;
  return (
    <Card>
      <section aria-labelledby={headingId}>
        <div className="space-y-3 border-b border-slate-200 px-5 py-4">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0">
              <h2 id={headingId} className="font-mono text-sm font-semibold break-all text-slate-900">
                {endpoint.endpoint_url}
              </h2>
              <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
                {endpoint.status === "enabled" ? <Badge tone="green">Enabled</Badge> : <Badge tone="slate">Disabled</Badge>}
                <span>
                  Secret <code className="font-mono">{endpoint.secret}</code>
                </span>
                <span>
                  Added <Time value={endpoint.created_at} />
                </span>
              </p>
            </div>
            {canEdit ? <EndpointActions endpoint={endpoint} /> : null}
          </div>
          <details className="text-sm text-slate-700">
            <summary className="cursor-pointer text-slate-600">
              {endpoint.events.length} event type{endpoint.events.length === 1 ? "" : "s"}
            </summary>
            <ul className="mt-2 flex flex-wrap gap-1.5">
              {endpoint.events.map((e) => (
                <li key={e}>
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{e}</code>
                </li>
              ))}
            </ul>
          </details>
          {canEdit ? <SendTestEvent endpointId={endpoint.id} subscribed={endpoint.events} /> : null}
        </div>
        <h3 className="sr-only">Recent deliveries</h3>
        <DeliveriesTable endpointId={endpoint.id} canEdit={canEdit} />
      </section>
    </Card>
  );
}
