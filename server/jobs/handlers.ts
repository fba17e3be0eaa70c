import "server-only";
import { RECHECK_JOB, recheckDomain } from "@/server/services/domains";
import { RATE_LIMIT_PRUNE_JOB, runRateLimitPruning } from "@/server/services/rate-limit";
import type { JobHandler } from "./runner";

/** Every kind of background job and the service that runs it. */
export const jobHandlers: Record<string, JobHandler> = {
  [RECHECK_JOB]: recheckDomain,
  [RATE_LIMIT_PRUNE_JOB]: runRateLimitPruning,
};
