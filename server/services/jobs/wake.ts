/** The channel a committed job (a webhook delivery) is announced on, so workers need not wait for the next poll. */
export const JOBS_CHANNEL = "portico_jobs";
