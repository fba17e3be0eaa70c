import { Agent, request } from "node:http";

/**
 * A light HTTP client for load: node:http over keep-alive sockets (one per worker), so the client
 * spends little of the two cores the server under test also needs. fetch costs several times more.
 */
export interface Reply {
  status: number;
  body: string;
}

export class LoadClient {
  private readonly agent: Agent;
  private readonly origin: URL;

  constructor(
    origin: string,
    private readonly headers: Record<string, string>,
    sockets = 16,
  ) {
    this.origin = new URL(origin);
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  send(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Reply> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.origin.hostname,
          port: this.origin.port,
          method,
          path: `${this.origin.pathname.replace(/\/$/, "")}${path}`,
          agent: this.agent,
          headers: { ...this.headers, ...extraHeaders, ...(payload ? { "Content-Type": "application/scim+json", "Content-Length": payload.length } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface Stats {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function stats(latencies: number[], seconds: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const pick = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return {
    requests: sorted.length,
    seconds: round(seconds),
    perSecond: round(sorted.length / seconds),
    p50: pick(0.5),
    p95: pick(0.95),
    p99: pick(0.99),
    max: pick(1),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Runs `total` numbered jobs with `concurrency` workers; every reply must have one of the expected
 * statuses (a benchmark of failing requests would measure nothing).
 */
export async function run(total: number, concurrency: number, job: (i: number) => Promise<Reply>, expected: number[]): Promise<Stats> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t = performance.now();
        const reply = await job(i);
        latencies.push(performance.now() - t);
        if (!expected.includes(reply.status)) throw new Error(`job ${i} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
      }
    }),
  );
  return stats(latencies, (performance.now() - started) / 1000);
}
