import { CheckCircle2, Clock, XCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";

type DomainState = "pending" | "verified" | "failed";

const states = {
  pending: { tone: "amber", label: "Pending", icon: Clock },
  verified: { tone: "green", label: "Verified", icon: CheckCircle2 },
  failed: { tone: "red", label: "Failed", icon: XCircle },
} as const;

export function DomainStateBadge({ state }: { state: DomainState }) {
  const { tone, label, icon: Icon } = states[state];
  return (
    <Badge tone={tone}>
      <Icon aria-hidden className="size-3" />
      {label}
    </Badge>
  );
}
