import "server-only";
import { RECHECK_JOB, recheckDomain } from "@/server/services/domains";
import { RETENTION_JOB, runRetention } from "@/server/services/jobs/retention";
import type { JobHandler } from "./runner";

/** Every kind of background job and the service that runs it. */
export const jobHandlers: Record<string, JobHandler> = {
  [RECHECK_JOB]: recheckDomain,
  [RETENTION_JOB]: runRetention,
};
