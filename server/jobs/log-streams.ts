import "server-only";
import type { Db } from "@/db/client";
import { logger } from "@/server/observability/logger";
import { claimDueStreams, deliverClaimedStream } from "@/server/services/log-streams";

interface LogStreamPoller {
  stop: () => Promise<void>;
}

/**
 * Delivers log streams in this instance. Each claimed stream runs on its own, up to `concurrency` at a
 * time: a slow or failing destination holds one slot and backs off, never the others or the API. Claims
 * come from the database (`SKIP LOCKED` and a lease), so any number of instances can run this.
 */
export function startLogStreamPoller(db: Db, options: { tickMs: number; concurrency: number }): LogStreamPoller {
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let polling = false;
  const tick = async () => {
    if (stopped || polling) return;
    polling = true;
    try {
      const claimed = await claimDueStreams(db, new Date(), options.concurrency - inFlight.size);
      for (const stream of claimed) {
        const run = deliverClaimedStream(db, stream, () => stopped)
          .catch((error: unknown) => logger().error({ stream: stream.id, error: (error as Error)?.message }, "log stream delivery failed"))
          .finally(() => {
            inFlight.delete(run);
            // A stream that filled a batch is due again at once: do not wait for the next tick.
            if (!stopped) void tick();
          });
        inFlight.add(run);
      }
    } catch (error) {
      logger().error({ error: (error as Error)?.message }, "log stream poll failed");
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void tick(), options.tickMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...inFlight]);
    },
  };
}
