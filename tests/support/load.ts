import { request } from "node:http";

/**
 * A SCIM client under load, behaving as a load balancer in front of several instances would: each
 * request on a fresh connection to the next instance, and a request whose connection was refused, or
 * reset before any byte of an answer, sent again to the next one (the server never saw it). Those are the
 * retryable failures; anything else (a 5xx, a reset after the answer began) is a lost request.
 */
interface LoadReport {
  statuses: Record<string, number>;
  retried: Record<string, number>;
  lost: string[];
  created: number;
  /** Requests sent before `markSignal()` that were answered after it. */
  answeredAcrossSignal: number;
}

export function scimLoad(targets: () => string[], directory: { id: string; token: string }, concurrency = 4) {
  const report: LoadReport = { statuses: {}, retried: {}, lost: [], created: 0, answeredAcrossSignal: 0 };
  let stopped = false;
  let signalAt = Infinity;
  let turn = 0;
  let sequence = 0;

  function post(base: string, body: string): Promise<{ status: number } | { error: string }> {
    return new Promise((resolve) => {
      const url = new URL(`/scim/v2/${directory.id}/Users`, base);
      const req = request(
        url,
        {
          method: "POST",
          agent: false,
          headers: { Authorization: `Bearer ${directory.token}`, "Content-Type": "application/scim+json", "Content-Length": Buffer.byteLength(body) },
        },
        (res) => {
          res.on("data", () => {});
          res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
          res.on("error", (error: NodeJS.ErrnoException) => resolve({ error: `after answer: ${error.code ?? error.message}` }));
        },
      );
      req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      req.end(body);
    });
  }

  async function worker() {
    while (!stopped) {
      const body = JSON.stringify({ userName: `load.${process.pid}.${sequence++}@load-org.example`, active: true });
      const sentAt = Date.now();
      for (let attempt = 0; ; attempt++) {
        const list = targets();
        const outcome = await post(list[turn++ % list.length]!, body);
        if ("status" in outcome) {
          report.statuses[outcome.status] = (report.statuses[outcome.status] ?? 0) + 1;
          if (outcome.status === 201) report.created++;
          if (outcome.status >= 500) report.lost.push(`status ${outcome.status}`);
          if (sentAt < signalAt && Date.now() > signalAt) report.answeredAcrossSignal++;
          break;
        }
        if (outcome.error === "ECONNREFUSED" || outcome.error === "ECONNRESET") {
          report.retried[outcome.error] = (report.retried[outcome.error] ?? 0) + 1;
          if (stopped && attempt > 50) break;
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        report.lost.push(outcome.error);
        break;
      }
    }
  }

  const workers = Array.from({ length: concurrency }, () => worker());
  return {
    markSignal: () => {
      signalAt = Date.now();
    },
    stop: async (): Promise<LoadReport> => {
      stopped = true;
      await Promise.all(workers);
      return report;
    },
  };
}
