import "server-only";
import { RECHECK_JOB, recheckDomain } from "@/server/services/domains";
import { PURGE_EVENTS_JOB, purgeOldEvents } from "@/server/services/events/purge";
import { WEBHOOK_DELIVER_JOB } from "@/server/services/events/record";
import { checkSsoTimeout, SSO_TIMEOUT_JOB } from "@/server/services/sso/auth-events";
import { deliverWebhook } from "@/server/services/webhooks/deliver";
import type { JobHandler } from "./runner";

/** Every kind of background job and the service that runs it. */
export const jobHandlers: Record<string, JobHandler> = {
  [RECHECK_JOB]: recheckDomain,
  [WEBHOOK_DELIVER_JOB]: deliverWebhook,
  [SSO_TIMEOUT_JOB]: checkSsoTimeout,
  [PURGE_EVENTS_JOB]: purgeOldEvents,
};
