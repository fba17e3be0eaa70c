import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { DirectoryOverview } from "./types";

type RequestRow = DirectoryOverview["recentRequests"][number];

/** `filter=userName+eq+%22a%40b.com%22` reads better as `filter=userName eq "a@b.com"`. */
function readablePath(path: string): string {
  try {
    return decodeURIComponent(path.replace(/\+/g, " "));
  } catch {
    return path;
  }
}

/** The latest SCIM requests: what the identity provider asked, how it went, and the body (secrets redacted). */
export function RequestLog({ requests }: { requests: RequestRow[] }) {
  if (requests.length === 0) return <p className="px-5 py-6 text-sm text-slate-600">No requests yet.</p>;
  return (
    <Table aria-label="Recent SCIM requests" stacked>
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Request</Th>
          <Th>Status</Th>
          <Th className="text-right">Duration</Th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id}>
            <Td label="Time">
              <Time value={r.createdAt} withTime />
            </Td>
            <Td label="Request">
              {/* Cells do not wrap; a long filter does, inside its own box. */}
              <div className="max-w-md min-w-0 whitespace-normal sm:min-w-60">
                <span className="font-mono text-xs font-semibold text-slate-900">{r.method}</span>{" "}
                <span className="font-mono text-xs break-all">{readablePath(r.path)}</span>
                {r.requestBody !== null && r.requestBody !== undefined ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-slate-600 hover:text-slate-900">Body</summary>
                    <pre className="mt-1 max-h-60 overflow-auto rounded bg-slate-50 p-2 text-xs text-slate-800">{JSON.stringify(r.requestBody, null, 2)}</pre>
                  </details>
                ) : null}
              </div>
            </Td>
            <Td label="Status">
              <Badge tone={r.status < 400 ? "green" : r.status < 500 ? "amber" : "red"}>{r.status}</Badge>
            </Td>
            <Td label="Duration" className="text-right tabular-nums">
              {r.durationMs} ms
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
