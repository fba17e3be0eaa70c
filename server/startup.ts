import "server-only";
import { getDbHandle } from "@/db/client";
import { configureLogger } from "@/server/observability/logger";
import { env } from "@/server/env";
import { ensureFirstRunAccess, schedulePruningOfSignInRecords } from "@/server/services/staff";
import { retireStoredAuthSecret } from "@/server/services/settings/installation";
import { jobHandlers } from "@/server/jobs/handlers";
import { startJobPoller } from "@/server/jobs/runner";
import { startLogStreamPoller } from "@/server/jobs/log-streams";
import { runtime } from "@/server/observability/runtime";
import { scheduleRetention } from "@/server/services/jobs/retention";
import { schedulePurge } from "@/server/services/events/purge";
import { JOBS_CHANNEL } from "@/server/services/jobs/wake";
import { LOG_STREAMS_CHANNEL } from "@/server/services/log-streams/wake";
import { getSpKeyPair } from "@/server/services/sso/sp-key";
import { scheduleRateLimitPruning } from "@/server/services/rate-limit";
import { scheduleAuditLogPurge } from "@/server/services/audit-logs/retention";
import { scheduleMetadataRefresh } from "@/server/services/sso/metadata-refresh";
import { scheduleCertificateWatch } from "@/server/services/sso/certificate-expiry";

/** Opens (and migrates) the database and prints how to sign in the first time. Fails loudly. */
export async function startServer(): Promise<void> {
  const config = env();
  if (config.NEXT_RUNTIME && config.NEXT_RUNTIME !== "nodejs") return;
  // The edge server configured it already when it runs; `next start` alone gets the same settings here.
  configureLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  try {
    const handle = await getDbHandle();
    // Further workers of a multi-process start: the first one did the once-per-start steps below.
    if (config.PORTICO_WORKER === "more") {
      const poller = startJobPoller(handle.db, jobHandlers, config.JOB_POLL_INTERVAL_MS, { parallel: true });
      await handle.listen(JOBS_CHANNEL, poller.wake);
      return;
    }
    const access = await ensureFirstRunAccess(handle.db);
    // The SAML SP key pair is made on first start (and needs ENCRYPTION_KEY with Postgres: fail now, not at sign-in).
    await getSpKeyPair(handle.db);
    await retireStoredAuthSecret(handle.db);
    await schedulePruningOfSignInRecords(handle.db);
    await scheduleRateLimitPruning(handle.db);
    await scheduleRetention(handle.db);
    await schedulePurge(handle.db);
    await scheduleAuditLogPurge(handle.db);
    await scheduleMetadataRefresh(handle.db);
    await scheduleCertificateWatch(handle.db);
    const poller = startJobPoller(handle.db, jobHandlers, config.JOB_POLL_INTERVAL_MS, { parallel: handle.kind === "postgres" });
    // A committed event with webhook deliveries is announced on the jobs channel: deliver it now, not at the next poll.
    await handle.listen(JOBS_CHANNEL, poller.wake);
    const streams = startLogStreamPoller(handle.db, {
      tickMs: Math.min(250, config.LOG_STREAM_BATCH_WINDOW_MS),
      concurrency: handle.kind === "postgres" ? 8 : 2,
    });
    // Committed audit-log events are announced per organization: a stream sends them without waiting for a poll.
    await handle.listen(LOG_STREAMS_CHANNEL, streams.wake);
    // Shutdown drains both: the batch in hand is acknowledged (or left for another instance), never half-recorded.
    if (runtime.jobs) runtime.jobs.stop = async () => void (await Promise.all([poller.stop(), streams.stop()]));
    const where = handle.kind === "postgres" ? "Postgres (DATABASE_URL)" : `embedded PGlite in ${config.DATA_DIR}`;
    const lines = [``, `  Portico is running at ${config.publicUrl}`, `  Database: ${where}`];
    if (access.kind === "setup_link") {
      lines.push(
        `  First run: create the owner account at`,
        ``,
        `    ${access.url}`,
        ``,
        `  (one-time link, valid for 24 hours; a new one is printed at each start until an owner exists)`,
      );
    } else if (access.kind === "bootstrapped") {
      lines.push(`  Owner account created for ${access.email} from BOOTSTRAP_OWNER_EMAIL. Sign in at ${config.publicUrl}/sign-in`);
    } else {
      lines.push(`  Sign in at ${config.publicUrl}/sign-in`);
    }
    console.log(`${lines.join("\n")}\n`);
  } catch (error) {
    // A stop that arrives while this process is still starting closes the database under these steps: that
    // is the shutdown under way (it exits cleanly itself), not a failed start.
    if (runtime.draining) return;
    console.error(`\n  Portico could not start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
