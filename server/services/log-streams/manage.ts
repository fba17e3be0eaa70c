import { eq } from "drizzle-orm";
import { z } from "zod";
import { logStreams } from "@/db/schema";
import { deriveSecret } from "@/server/crypto/secrets";
import { NotFoundError, ValidationError } from "@/server/errors";
import { newId } from "@/server/ids";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { completePortalIntent } from "@/server/services/portal";
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
  return { organizationId, ...resolved, externalId: externalIdOf(organizationId) };
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
  return testResultOf(await sendBatch(prepared, prepared.credentials, [testEvent(nowOf(ctx))]));
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
  const [updated] = await ctx.db
    .update(logStreams)
    .set(
      input.paused
        ? { state: "inactive", stateReason: null, updatedAt: now }
        : { state: "active", stateReason: null, failures: 0, nextAttemptAt: now, updatedAt: now },
    )
    .where(eq(logStreams.id, row.id))
    .returning();
  return viewOf(ctx.db, updated!, now);
}

export async function deleteLogStream(ctx: ServiceContext, input: { organizationId?: string | null }): Promise<void> {
  const organizationId = await logStreamOrganization(ctx, input.organizationId, true);
  const row = await existing(ctx, organizationId);
  await ctx.db.delete(logStreams).where(eq(logStreams.id, row.id));
}
