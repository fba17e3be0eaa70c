import type { DbOrTx } from "@/db/client";
import type { OrganizationDomainRow } from "@/db/schema";
import { recordEvent } from "@/server/services/events/record";
import { organizationDomainToWire } from "@/server/wire/organizations";

export function recordDomainEvent(
  tx: DbOrTx,
  event: "organization_domain.created" | "organization_domain.verified" | "organization_domain.verification_failed" | "organization_domain.deleted",
  row: OrganizationDomainRow,
  now: Date,
) {
  return recordEvent(tx, { event, organizationId: row.organizationId, data: { ...organizationDomainToWire(row) }, at: now });
}
