import { z } from "zod";
import { portalIntents, type PortalIntent } from "@/db/schema";

export const intentLabels: Record<PortalIntent, string> = {
  domain_verification: "Domain verification",
  sso: "Single Sign-On",
  dsync: "Directory Sync",
  audit_logs: "Audit logs",
  log_streams: "Log streams",
  certificate_renewal: "Certificate renewal",
};

/** The IT-contacts API spells Directory Sync `directory_sync`; the portal-link API says `dsync`. */
const aliases: Record<string, PortalIntent> = { directory_sync: "dsync" };

const known = new Set<string>(portalIntents);

export const intentSchema = z.string({ error: "intent is required" }).transform((value, ctx) => {
  const intent = aliases[value] ?? value;
  if (value === "bring_your_own_key") {
    ctx.addIssue({ code: "custom", message: "bring_your_own_key is not supported by this installation yet" });
    return z.NEVER;
  }
  if (!known.has(intent)) {
    ctx.addIssue({ code: "custom", message: `must be one of ${portalIntents.join(", ")}` });
    return z.NEVER;
  }
  return intent as PortalIntent;
});

export const intentListSchema = z
  .array(intentSchema, { error: "intents must be a list" })
  .min(1, "choose at least one feature")
  .transform((list) => [...new Set(list)]);
