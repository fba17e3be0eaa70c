import { appendFileSync } from "node:fs";
import { loadavg } from "node:os";

/**
 * One line of the table `npm run bench` prints at the end: each scenario's figure beside its bare
 * baseline (measured in the same run), the ratio, the target and the machine's 1-minute load when the
 * figure was taken (the machine may be shared: a figure is only read beside its load). Rows go to the
 * file scripts/bench.mjs names in BENCH_ROWS; run alone, a benchmark prints them itself.
 */
export interface Row {
  scenario: string;
  /** Portico's figure, as printed: "812/s p95 14 ms". */
  portico: string;
  bare?: string;
  /** Portico's throughput over the bare baseline's. */
  ratio?: number;
  target: string;
  /** Whether the target was met; undefined when the figure has no target. */
  met?: boolean;
}

export function reportRow(row: Row): void {
  const line = { ...row, ratio: row.ratio === undefined ? undefined : Math.round(row.ratio * 100) / 100, load: Math.round(loadavg()[0]! * 10) / 10 };
  const file = process.env.BENCH_ROWS;
  if (file) appendFileSync(file, `${JSON.stringify(line)}\n`);
  else console.log(`[row] ${JSON.stringify(line)}`);
}

export const perSecond = (s: { perSecond: number; p95: number }) => `${Math.round(s.perSecond)}/s p95 ${Math.round(s.p95 * 10) / 10} ms`;
