import "server-only";
import type { Db } from "@/db/client";
import { logger } from "@/server/observability/logger";
import { claimDueStreams, deliverClaimedStream } from "@/server/services/log-streams";

interface LogStreamPoller {
  /** An organization's new events were committed (an announcement on the log-streams channel): look now, not at the next poll. */
  wake: (organizationId: string) => void;
  stop: () => Promise<void>;
}

/**
 * Delivers log streams in this instance. Each claimed stream runs on its own, up to `concurrency` at a
 * time: a slow or failing destination holds one slot and backs off, never the others or the API. Claims
 * come from the database (`SKIP LOCKED` and a lease), so any number of instances can run this. Besides
 * the regular poll, it looks when an announcement arrives and when a stream it released falls due.
 */
export function startLogStreamPoller(db: Db, options: { tickMs: number; concurrency: number }): LogStreamPoller {
  const inFlight = new Set<Promise<unknown>>();
  const woken = new Set<string>();
  let stopped = false;
  let polling = false;
  let again = false;
  let soonest: { at: number; timer: NodeJS.Timeout } | null = null;
  const lookAt = (at: number) => {
    if (stopped || (soonest && soonest.at <= at)) return;
    if (soonest) clearTimeout(soonest.timer);
    const timer = setTimeout(
      () => {
        soonest = null;
        void tick();
      },
      Math.max(0, at - Date.now()),
    );
    timer.unref();
    soonest = { at, timer };
  };
  const tick = async () => {
    if (stopped) return;
    // A look asked for while one runs happens right after it: an announcement is never dropped.
    if (polling) {
      again = true;
      return;
    }
    polling = true;
    try {
      const limit = options.concurrency - inFlight.size;
      const organizations = limit > 0 ? [...woken] : [];
      for (const id of organizations) woken.delete(id);
      const claimed = await claimDueStreams(db, new Date(), limit, organizations);
      for (const stream of claimed) {
        const run = deliverClaimedStream(db, stream, () => stopped)
          .then(({ nextAt }) => {
            if (nextAt) lookAt(nextAt.getTime());
          })
          .catch((error: unknown) => logger().error({ stream: stream.id, error: (error as Error)?.message }, "log stream delivery failed"))
          .finally(() => {
            inFlight.delete(run);
            // A slot is free: another due stream need not wait for the next tick.
            if (!stopped) void tick();
          });
        inFlight.add(run);
      }
    } catch (error) {
      logger().error({ error: (error as Error)?.message }, "log stream poll failed");
    } finally {
      polling = false;
      if (again && !stopped) {
        again = false;
        void tick();
      }
    }
  };
  const timer = setInterval(() => void tick(), options.tickMs);
  timer.unref();
  return {
    wake: (organizationId) => {
      woken.add(organizationId);
      void tick();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (soonest) clearTimeout(soonest.timer);
      await Promise.all([...inFlight]);
    },
  };
}
