import "server-only";
import { RECHECK_JOB, recheckDomain } from "@/server/services/domains";
import { PRUNE_SIGN_IN_RECORDS_JOB, runSignInPruning, SIGN_IN_ALERT_JOB, sendSignInAlert } from "@/server/services/staff";
import { RATE_LIMIT_PRUNE_JOB, runRateLimitPruning } from "@/server/services/rate-limit";
import { RETENTION_JOB, runRetention } from "@/server/services/jobs/retention";
import { PURGE_EVENTS_JOB, purgeOldEvents } from "@/server/services/events/purge";
import { WEBHOOK_DELIVER_JOB } from "@/server/services/events/record";
import { checkSsoTimeout, SSO_TIMEOUT_JOB } from "@/server/services/sso/auth-events";
import { webhookDeliveryJobs } from "@/server/services/webhooks/deliver";
import { AUDIT_LOG_EXPORT_JOB, runAuditLogExport } from "@/server/services/audit-logs/exports";
import { AUDIT_LOG_PURGE_JOB, runAuditLogPurge } from "@/server/services/audit-logs/retention";
import { METADATA_REFRESH_JOB, runMetadataRefresh } from "@/server/services/sso/metadata-refresh";
import { CERTIFICATE_WATCH_JOB, runCertificateWatch } from "@/server/services/sso/certificate-expiry";
import { POLIS_IMPORT_JOB, runPolisImportJob } from "@/server/services/import";
import type { JobHandlers } from "./runner";

/** Every kind of background job and the service that runs it. */
export const jobHandlers: JobHandlers = {
  [RECHECK_JOB]: recheckDomain,
  [SIGN_IN_ALERT_JOB]: sendSignInAlert,
  [PRUNE_SIGN_IN_RECORDS_JOB]: runSignInPruning,
  [RATE_LIMIT_PRUNE_JOB]: runRateLimitPruning,
  [RETENTION_JOB]: runRetention,
  [WEBHOOK_DELIVER_JOB]: webhookDeliveryJobs,
  [SSO_TIMEOUT_JOB]: checkSsoTimeout,
  [PURGE_EVENTS_JOB]: purgeOldEvents,
  [AUDIT_LOG_EXPORT_JOB]: runAuditLogExport,
  [AUDIT_LOG_PURGE_JOB]: runAuditLogPurge,
  [METADATA_REFRESH_JOB]: runMetadataRefresh,
  [CERTIFICATE_WATCH_JOB]: runCertificateWatch,
  [POLIS_IMPORT_JOB]: runPolisImportJob,
};
