import type { WebhookEndpointRow } from "@/db/schema";

/** `webhook_endpoint` as `@workos-inc/node` deserializes it. */
export interface WebhookEndpointWire {
  object: "webhook_endpoint";
  id: string;
  endpoint_url: string;
  /** In full only in the answer that created (or rotated) it; afterwards masked to its last characters. */
  secret: string;
  status: "enabled" | "disabled";
  events: string[];
  created_at: string;
  updated_at: string;
}

function maskedSecret(suffix: string): string {
  return `whsec_…${suffix}`;
}

export function webhookEndpointToWire(row: WebhookEndpointRow, secret?: string): WebhookEndpointWire {
  return {
    object: "webhook_endpoint",
    id: row.id,
    endpoint_url: row.endpointUrl,
    secret: secret ?? maskedSecret(row.secretSuffix),
    status: row.status,
    events: row.events,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
