/**
 * Delivery lag by channel (webhooks, log streams ...): how long the oldest item that is due to go out
 * has waited, in seconds, read at each scrape as `portico_delivery_lag_seconds{channel}`. A feature that
 * delivers something registers one reader when its module loads:
 *
 *   registerLagGauge("log_stream", () => oldestUndeliveredLogStreamSeconds(db));
 *
 * The reader answers null (or 0) when nothing waits; a reader that throws is skipped for that scrape.
 * Registering a channel again replaces its reader. The registry lives on globalThis: the edge server and
 * the Next.js bundle load separate copies of this module.
 */
type LagReader = () => Promise<number | null> | number | null;

const holder = globalThis as { __porticoLagReaders?: Map<string, LagReader> };
const readers = (holder.__porticoLagReaders ??= new Map());

export function registerLagGauge(channel: string, read: LagReader): void {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(channel)) throw new Error(`A lag channel is a short snake_case name, not '${channel}'`);
  readers.set(channel, read);
}

/** Every registered channel's lag now; channels whose reader failed are left out. */
export async function readLags(): Promise<Map<string, number>> {
  const entries = await Promise.all(
    [...readers].map(async ([channel, read]) => {
      try {
        const seconds = await read();
        return [channel, Math.max(0, Number(seconds ?? 0))] as const;
      } catch {
        return null;
      }
    }),
  );
  return new Map(entries.filter((e) => e !== null));
}
