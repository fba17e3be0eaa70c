import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { logStreamDailyCounts, logStreamFailures, type LogStreamKind, type LogStreamRow, type LogStreamSettings, type LogStreamState } from "@/db/schema";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { logStreamOrganization, streamOf } from "./scope";

export interface LogStreamView {
  id: string;
  kind: LogStreamKind;
  settings: LogStreamSettings;
  /** `••••1234`, or null when there is no secret to recognise (an assumed role). */
  credential: string | null;
  externalId: string;
  state: LogStreamState;
  stateReason: string | null;
  lastSyncedAt: string | null;
  deliveredLast7Days: number;
  recentFailures: { id: string; at: string; statusCode: number | null; error: string; responseBody: string | null; events: number }[];
  createdAt: string;
}

const stateWords: Record<LogStreamState, string> = {
  active: "Streaming: events are sent as they are recorded.",
  inactive: "Paused: events are kept and sent from where the stream stopped once it is resumed.",
  error: "The last delivery failed; Portico keeps retrying.",
  invalid: "The destination refused the credentials; nothing is sent until the stream is fixed.",
};

export async function viewOf(db: DbOrTx, row: LogStreamRow, now: Date): Promise<LogStreamView> {
  const since = new Date(now.getTime() - 6 * 86_400_000).toISOString().slice(0, 10);
  const [count] = await db
    .select({ total: sql<string>`coalesce(sum(${logStreamDailyCounts.delivered}), 0)` })
    .from(logStreamDailyCounts)
    .where(and(eq(logStreamDailyCounts.streamId, row.id), gte(logStreamDailyCounts.day, since)));
  const failures = await db
    .select()
    .from(logStreamFailures)
    .where(and(eq(logStreamFailures.organizationId, row.organizationId), eq(logStreamFailures.streamId, row.id)))
    .orderBy(desc(logStreamFailures.createdAt), desc(logStreamFailures.id))
    .limit(10);
  return {
    id: row.id,
    kind: row.kind,
    settings: row.settings,
    credential: row.credentialHint ? `••••${row.credentialHint}` : null,
    externalId: row.externalId,
    state: row.state,
    stateReason: row.stateReason ?? stateWords[row.state],
    lastSyncedAt: row.lastSyncedAt?.toISOString() ?? null,
    deliveredLast7Days: Number(count?.total ?? 0),
    recentFailures: failures.map((f) => ({
      id: f.id,
      at: f.createdAt.toISOString(),
      statusCode: f.statusCode,
      error: f.error,
      responseBody: f.responseBody,
      events: f.events,
    })),
    createdAt: row.createdAt.toISOString(),
  };
}

/** The organization's stream as its screen shows it, or null when it has none. Never carries a secret. */
export async function getLogStream(ctx: ServiceContext, input: { organizationId?: string | null } = {}): Promise<LogStreamView | null> {
  const organizationId = await logStreamOrganization(ctx, input.organizationId, false);
  const row = await streamOf(ctx.db, organizationId);
  return row ? viewOf(ctx.db, row, nowOf(ctx)) : null;
}
