import { env } from "@/server/env";

/** WorkOS retries for up to three days; so does Portico. */
const RETRY_WINDOW_MS = 3 * 24 * 60 * 60_000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 24 * 60 * 60_000;

/**
 * The wait before retry `attempt + 1` after `attempt` failed: 1 min, 2, 4 ... doubling up to a day,
 * with ±20% jitter so a receiver that comes back is not hit by every queued delivery at once. Over the
 * three-day window that is about a dozen attempts.
 */
export function retryDelayMs(attempt: number, random = Math.random): number {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()) * env().WEBHOOK_RETRY_SCALE);
}

export function retryWindowMs(): number {
  return RETRY_WINDOW_MS * env().WEBHOOK_RETRY_SCALE;
}
