import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import { listAuditLogEvents } from "@/server/services/audit-logs/list";
import { LoadClient, stats, type Stats } from "./load";

const SAMPLES = 200;
const MIN_SAMPLES = 5;
const PAGE_SIZE = 25;

/**
 * Up to SAMPLES sequential calls, after a few to warm up; a scenario stops early once `budgetMs` is spent
 * (at least MIN_SAMPLES): a call that scans a large log takes seconds, and 200 of them would take many minutes.
 */
async function timed(job: () => Promise<unknown>, budgetMs: number): Promise<Stats> {
  const warming = performance.now();
  for (let i = 0; i < 10 && (i === 0 || performance.now() - warming < 2000); i++) await job();
  const latencies: number[] = [];
  const started = performance.now();
  while (latencies.length < SAMPLES && (latencies.length < MIN_SAMPLES || performance.now() - started < budgetMs)) {
    const t = performance.now();
    await job();
    latencies.push(performance.now() - t);
  }
  return stats(latencies, (performance.now() - started) / 1000);
}

/** The viewer's input, as components/audit-logs/viewer.tsx sends it (without the organization and limit). */
export type ViewerInput = {
  actions?: string[];
  actorIds?: string[];
  actorNames?: string[];
  search?: string;
  cursor?: string;
};
interface Page {
  data: { id: string }[];
  nextCursor: string | null;
}

export interface ViewerFigure {
  http: Stats;
  /** The service's main statement alone, replayed over one connection. */
  sql: Stats;
  rows: number;
  plan: string[];
}

/**
 * The dashboard's `auditLogs.list` over HTTP with a staff session, as the browser's httpBatchLink sends
 * it (a batch of one, by GET), and the same call's statement measured alone.
 */
export class AuditLogViewer {
  private readonly client: LoadClient;
  private readonly sql: postgres.Sql;
  private readonly ctx: ServiceContext;
  private captured: { query: string; params: unknown[] }[] = [];

  constructor(
    baseUrl: string,
    cookie: string,
    databaseUrl: string,
    private readonly organizationId: string,
  ) {
    this.client = new LoadClient(baseUrl, { cookie }, 1);
    this.sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, debug: (_connection, query, params) => void this.captured.push({ query, params }) });
    const db = drizzle(this.sql, { schema }) as unknown as Db;
    this.ctx = { db, actor: { type: "staff", staffId: "staff_bench", role: "viewer", email: "bench@example.com" } };
  }

  async page(input: ViewerInput): Promise<Page> {
    const batch = { 0: { ...input, organizationId: this.organizationId, limit: PAGE_SIZE } };
    const reply = await this.client.send("GET", `/api/trpc/auditLogs.list?batch=1&input=${encodeURIComponent(JSON.stringify(batch))}`);
    if (reply.status !== 200) throw new Error(`auditLogs.list answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    return (JSON.parse(reply.body) as [{ result: { data: Page } }])[0].result.data;
  }

  /** Follows the cursors from the first page `pages` times; the cursor of the last one reached. */
  async cursorAfter(pages: number): Promise<{ cursor: string; pages: number }> {
    let cursor: string | undefined;
    let walked = 0;
    for (; walked < pages; walked++) {
      const next = (await this.page(cursor ? { cursor } : {})).nextCursor;
      if (!next) break;
      cursor = next;
    }
    if (!cursor) throw new Error("the first page gave no cursor");
    return { cursor, pages: walked };
  }

  async measure(input: ViewerInput): Promise<ViewerFigure> {
    const rows = (await this.page(input)).data.length;
    const http = await timed(() => this.page(input), 30_000);
    this.captured = [];
    await listAuditLogEvents(this.ctx, { ...input, organizationId: this.organizationId, limit: PAGE_SIZE });
    // The organization's lookup, then the page's select: the select is the statement that grows with the log.
    const statement = this.captured.at(-1)!;
    const params = statement.params as never[];
    const sqlStats = await timed(() => this.sql.unsafe(statement.query, params), 15_000);
    const plan = (await this.sql.unsafe(`explain (analyze, buffers) ${statement.query}`, params)).map((row) => String(row["QUERY PLAN"]));
    this.captured = [];
    return { http, sql: sqlStats, rows, plan: [statement.query, `-- params: ${JSON.stringify(statement.params)}`, ...plan] };
  }

  async close(): Promise<void> {
    this.client.close();
    await this.sql.end();
  }
}
