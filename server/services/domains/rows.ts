import { randomBytes } from "node:crypto";
import type { organizationDomains } from "@/db/schema";
import { newId } from "@/server/ids";

/** The host label under the domain where the TXT record goes: `_portico-challenge.example.com`. */
const VERIFICATION_PREFIX = "_portico-challenge";

/**
 * A new domain row. Pending domains get a DNS challenge (a random token to publish as TXT);
 * domains handed over as verified are verified by the caller's word ("manual").
 */
export function newDomainRow(input: {
  organizationId: string;
  domain: string;
  state: "pending" | "verified";
  addedBy: "portal" | "staff" | "api";
  verifiedBy?: string;
  now: Date;
}): typeof organizationDomains.$inferInsert {
  const pending = input.state === "pending";
  return {
    id: newId("org_domain"),
    organizationId: input.organizationId,
    domain: input.domain,
    state: input.state,
    verificationStrategy: pending ? "dns" : "manual",
    verificationToken: pending ? randomBytes(24).toString("base64url") : null,
    verificationPrefix: pending ? VERIFICATION_PREFIX : null,
    addedBy: input.addedBy,
    verifiedBy: pending ? null : (input.verifiedBy ?? input.addedBy),
    verifiedAt: pending ? null : input.now,
    createdAt: input.now,
    updatedAt: input.now,
  };
}
