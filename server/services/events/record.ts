import { events } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import { newId } from "@/server/ids";

export type EventName =
  | "organization.created"
  | "organization.updated"
  | "organization.deleted"
  | "connection.activated"
  | "connection.deactivated"
  | "connection.deleted"
  | "organization_domain.created"
  | "organization_domain.verified"
  | "organization_domain.verification_failed"
  | "organization_domain.deleted"
  | "dsync.activated"
  | "dsync.deleted"
  | "dsync.user.created"
  | "dsync.user.updated"
  | "dsync.user.deleted"
  | "dsync.group.created"
  | "dsync.group.updated"
  | "dsync.group.deleted"
  | "dsync.group.user_added"
  | "dsync.group.user_removed";

/** Call inside the transaction that makes the change, so the event and the change land together. */
export async function recordEvent(
  tx: DbOrTx,
  input: { event: EventName; organizationId: string | null; data: Record<string, unknown>; at?: Date },
): Promise<void> {
  await tx.insert(events).values({
    id: newId("event"),
    event: input.event,
    organizationId: input.organizationId,
    data: input.data,
    ...(input.at ? { createdAt: input.at } : {}),
  });
}
