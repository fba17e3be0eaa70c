import { Badge } from "@/components/ui/badge";
import type { Delivery } from "./types";

export function DeliveryState({ delivery }: { delivery: Pick<Delivery, "state" | "attempts"> }) {
  if (delivery.state === "succeeded") return <Badge tone="green">Delivered</Badge>;
  if (delivery.state === "failed") return <Badge tone="red">Failed</Badge>;
  return <Badge tone="amber">{delivery.attempts === 0 ? "Queued" : "Retrying"}</Badge>;
}
