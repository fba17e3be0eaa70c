import { Badge } from "@/components/ui/badge";
import type { RouterOutputs } from "@/components/providers/trpc-provider";

type Domain = RouterOutputs["organizations"]["get"]["domains"][number];

const tone = { verified: "green", pending: "amber", failed: "red" } as const;

function DomainBadge({ domain }: { domain: Domain }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <span className="font-medium text-slate-800">{domain.domain}</span>
      <Badge tone={tone[domain.state]}>{domain.state}</Badge>
    </span>
  );
}

export function DomainList({ domains, limit = 3 }: { domains: Domain[]; limit?: number }) {
  if (domains.length === 0) return <span className="text-slate-500">No domains</span>;
  const shown = domains.slice(0, limit);
  return (
    <ul className="flex flex-col gap-1">
      {shown.map((d) => (
        <li key={d.id}>
          <DomainBadge domain={d} />
        </li>
      ))}
      {domains.length > limit ? <li className="text-xs text-slate-600">+{domains.length - limit} more</li> : null}
    </ul>
  );
}
