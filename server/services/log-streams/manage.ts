import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { logStreams, type LogStreamKind } from "@/db/schema";
import { deriveSecret } from "@/server/crypto/secrets";
import { NotFoundError, RateLimitedError, ValidationError } from "@/server/errors";
import { newId } from "@/server/ids";
import { recordOwnChange, type OwnChangeAction } from "@/server/services/audit-logs/own-changes";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { completePortalIntent } from "@/server/services/portal";
import { hitRateLimit } from "@/server/services/rate-limit";
import { parseInput } from "@/server/services/validate";
import { hintOf, mainSecret, openCredentials, sealCredentials } from "./credentials";
import { cursorAtNow } from "./events";
import { logStreamInputSchema, resolveInput } from "./input";
import { reasonOf } from "./outcomes";
import { logStreamOrganization, streamOf } from "./scope";
import { sendBatch, type SendOutcome } from "./send";
import { testEvent } from "./test-event";
import { viewOf, type LogStreamView } from "./view";

/** The external id an S3 role's trust policy names: fixed per organization, so it can be shown before saving. */
function externalIdOf(organizationId: string): string {
  return `portico-${deriveSecret(`log-stream-external-id:${organizationId}`).slice(0, 24)}`;
}

export async function getExternalId(ctx: ServiceContext, input: { organizationId?: string | null } = {}): Promise<string> {
  return externalIdOf(await logStreamOrganization(ctx, input.organizationId, false));
}

async function prepare(ctx: ServiceContext, input: { organizationId?: string | null; stream: unknown }) {
  const organizationId = await logStreamOrganization(ctx, input.organizationId, true);
  const parsed = parseInput(logStreamInputSchema, input.stream);
  const saved = await streamOf(ctx.db, organizationId);
  const resolved = resolveInput(parsed, saved ? { kind: saved.kind, settings: saved.settings, credentials: openCredentials(saved) } : null);
  if (resolved.problems.length > 0) throw new ValidationError(resolved.problems.map((p) => ({ field: p.field, code: "required", message: p.message })));
  return { organizationId, ...resolved, externalId: externalIdOf(organizationId), savedId: saved?.id ?? null };
}

/**
 * Test events an organization may send per minute, from the portal and the dashboard together (saving sends
 * one too). Each is a request from Portico to an address the caller chose, so the count is kept per
 * organization, in the database every instance shares.
 */
export const TEST_EVENTS_PER_MINUTE = 10;

async function countTestEvent(ctx: ServiceContext, organizationId: string): Promise<void> {
  try {
    await hitRateLimit(ctx.db, `log_stream_test:${organizationId}`, TEST_EVENTS_PER_MINUTE, 60_000, nowOf(ctx));
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    throw new RateLimitedError(
      error.retryAfterSeconds,
      `Too many test events: this organization may send ${TEST_EVENTS_PER_MINUTE} a minute. Try again in ${error.retryAfterSeconds} seconds.`,
    );
  }
}

const destinationNames: Record<LogStreamKind, string> = { datadog: "Datadog", splunk: "Splunk", s3: "Amazon S3", https: "HTTPS" };

/** A change to the stream in the organization's audit log: which destination, never its secrets or address. */
function recordStreamChange(
  tx: DbOrTx,
  ctx: ServiceContext,
  stream: { organizationId: string; id: string | null; kind: LogStreamKind },
  action: OwnChangeAction,
  metadata: Record<string, string | number | boolean> = {},
): Promise<void> {
  return recordOwnChange(tx, ctx, {
    organizationId: stream.organizationId,
    action,
    target: { id: stream.id ?? "log_stream_unsaved", type: "log_stream", name: `${destinationNames[stream.kind]} log stream` },
    metadata: { destination: stream.kind, ...metadata },
  });
}

/** The destination's answer to a test event, in a few words for the audit log. */
function answerOf(outcome: SendOutcome): string {
  if (outcome.status) return `HTTP ${outcome.status}`;
  return outcome.ok ? "accepted" : outcome.error.slice(0, 200);
}

export interface TestResult {
  ok: boolean;
  refused: boolean;
  status: number | null;
  /** The destination's own answer, as it came (capped). */
  body: string | null;
  error: string | null;
}

function testResultOf(outcome: SendOutcome): TestResult {
  return outcome.ok
    ? { ok: true, refused: false, status: outcome.status, body: outcome.body, error: null }
    : { ok: false, refused: outcome.refused, status: outcome.status, body: outcome.body, error: outcome.error };
}

/** "Send test event": one sample event to the destination as entered (saved secrets fill the blanks). Nothing is stored. */
export async function testLogStream(ctx: ServiceContext, input: { organizationId?: string | null; stream: unknown }): Promise<TestResult> {
  const prepared = await prepare(ctx, input);
  await countTestEvent(ctx, prepared.organizationId);
  const outcome = await sendBatch(prepared, prepared.credentials, [testEvent(nowOf(ctx))]);
  await recordStreamChange(ctx.db, ctx, { ...prepared, id: prepared.savedId }, "portico.log_stream.test_sent", { answer: answerOf(outcome) });
  return testResultOf(outcome);
}

const saveOptions = z.object({ acceptRefused: z.boolean().default(false) });

/**
 * Creates or replaces the organization's stream after a test event. Credentials the destination refuses
 * are saved only when the caller accepted the warning, and the stream is then `invalid`. In the portal,
 * saving completes the `log_streams` intent.
 */
export async function saveLogStream(
  ctx: ServiceContext,
  input: { organizationId?: string | null; stream: unknown; acceptRefused?: boolean },
): Promise<{ saved: true; stream: LogStreamView; test: TestResult } | { saved: false; test: TestResult }> {
  const prepared = await prepare(ctx, input);
  const { acceptRefused } = parseInput(saveOptions, { acceptRefused: input.acceptRefused });
  await countTestEvent(ctx, prepared.organizationId);
  const outcome = await sendBatch(prepared, prepared.credentials, [testEvent(nowOf(ctx))]);
  const test = testResultOf(outcome);
  if (!outcome.ok && outcome.refused && !acceptRefused) return { saved: false, test };
  const now = nowOf(ctx);
  const invalid = !outcome.ok && outcome.refused;
  const values = {
    kind: prepared.kind,
    settings: prepared.settings,
    credentialsEncrypted: sealCredentials(prepared.credentials),
    credentialHint: hintOf(mainSecret(prepared.credentials)),
    externalId: prepared.externalId,
    state: invalid ? ("invalid" as const) : ("active" as const),
    stateReason: invalid ? reasonOf(outcome, 0) : null,
    failures: 0,
    nextAttemptAt: now,
    updatedAt: now,
  };
  const row = await ctx.db.transaction(async (tx) => {
    const saved = await streamOf(tx, prepared.organizationId, true);
    const [written] = saved
      ? await tx.update(logStreams).set(values).where(eq(logStreams.id, saved.id)).returning()
      : await tx
          .insert(logStreams)
          .values({ ...values, id: newId("als"), organizationId: prepared.organizationId, cursorTx: cursorAtNow as never, createdAt: now })
          .returning();
    await recordStreamChange(tx, ctx, written!, saved ? "portico.log_stream.updated" : "portico.log_stream.created", {
      state: written!.state,
      test_answer: answerOf(outcome),
    });
    if (ctx.actor.type === "portal") await completePortalIntent(tx, prepared.organizationId, "log_streams", now);
    return written!;
  });
  return { saved: true, stream: await viewOf(ctx.db, row, now), test };
}

async function existing(ctx: ServiceContext, organizationId: string) {
  const row = await streamOf(ctx.db, organizationId);
  if (!row) throw new NotFoundError("log stream", organizationId);
  return row;
}

/** Pause keeps the cursor: events recorded meanwhile are sent after Resume. Resume also retries an `error` stream at once. */
export async function setLogStreamPaused(ctx: ServiceContext, input: { organizationId?: string | null; paused: boolean }): Promise<LogStreamView> {
  const organizationId = await logStreamOrganization(ctx, input.organizationId, true);
  const row = await existing(ctx, organizationId);
  const now = nowOf(ctx);
  if (!input.paused && row.state === "invalid")
    throw new ValidationError([{ field: "paused", code: "invalid", message: "fix the credentials with Edit to resume this stream" }]);
  const updated = await ctx.db.transaction(async (tx) => {
    const [written] = await tx
      .update(logStreams)
      .set(
        input.paused
          ? { state: "inactive", stateReason: null, updatedAt: now }
          : { state: "active", stateReason: null, failures: 0, nextAttemptAt: now, updatedAt: now },
      )
      .where(eq(logStreams.id, row.id))
      .returning();
    await recordStreamChange(tx, ctx, row, input.paused ? "portico.log_stream.paused" : "portico.log_stream.resumed", { previous_state: row.state });
    return written!;
  });
  return viewOf(ctx.db, updated, now);
}

export async function deleteLogStream(ctx: ServiceContext, input: { organizationId?: string | null }): Promise<void> {
  const organizationId = await logStreamOrganization(ctx, input.organizationId, true);
  const row = await existing(ctx, organizationId);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(logStreams).where(eq(logStreams.id, row.id));
    await recordStreamChange(tx, ctx, row, "portico.log_stream.deleted");
  });
}
