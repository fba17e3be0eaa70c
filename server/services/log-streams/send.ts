import type { LogStreamRow } from "@/db/schema";
import { env } from "@/server/env";
import { postOutbound } from "@/server/net/outbound";
import type { StreamedEvent } from "@/server/wire/log-streams";
import type { LogStreamCredentials } from "./credentials";
import { datadogBody, datadogSites, DEFAULT_SOURCE, genericBody, splunkBody, splunkEndpoint, type DatadogSite } from "./payloads";
import { sendToS3 } from "./s3";

export const SEND_TIMEOUT_MS = 10_000;
const KEPT_RESPONSE_BYTES = 2048;
/** A Retry-After longer than this is not waited for in full: the stream tries again within the hour. */
const LONGEST_RETRY_AFTER_MS = 60 * 60_000;

/** What the destination made of a batch. `refused` is an answer meaning the credentials are wrong (401/403): not retried. */
export type SendOutcome =
  | { ok: true; status: number | null; body: string }
  | { ok: false; refused: boolean; status: number | null; error: string; body: string | null; retryAfterMs?: number };

interface HttpRequestPlan {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The request a batch becomes, in the destination's own format. */
function httpRequestOf(stream: Pick<LogStreamRow, "kind" | "settings">, credentials: LogStreamCredentials, events: StreamedEvent[]): HttpRequestPlan {
  const { settings } = stream;
  const source = settings.source || DEFAULT_SOURCE;
  if (stream.kind === "datadog") {
    const base = env().LOG_STREAM_DATADOG_URL ?? datadogSites[(settings.site ?? "US1") as DatadogSite];
    return {
      url: `${base.replace(/\/+$/, "")}/api/v2/logs`,
      headers: { "Content-Type": "application/json", "DD-API-KEY": credentials.apiKey ?? "" },
      body: datadogBody(events, source),
    };
  }
  if (stream.kind === "splunk")
    return {
      url: splunkEndpoint(settings.url ?? ""),
      headers: { "Content-Type": "application/json", Authorization: `Splunk ${credentials.token ?? ""}` },
      body: splunkBody(events, source),
    };
  const format = settings.format ?? "json";
  return {
    url: settings.url ?? "",
    headers: { ...credentials.headers, "Content-Type": format === "json" ? "application/json" : "application/x-ndjson" },
    body: genericBody(events, source, format),
  };
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const ms = /^\d+$/.test(text.trim()) ? Number(text.trim()) * 1000 : Date.parse(text) - now;
  return Number.isFinite(ms) ? Math.min(LONGEST_RETRY_AFTER_MS, Math.max(0, ms)) : undefined;
}

export function outcomeOfStatus(status: number, body: string, retryAfter?: number): SendOutcome {
  if (status >= 200 && status < 300) return { ok: true, status, body };
  return {
    ok: false,
    refused: status === 401 || status === 403,
    status,
    error: `HTTP ${status}`,
    body,
    retryAfterMs: status === 429 || status === 503 ? retryAfter : undefined,
  };
}

/** Sends one batch; never throws. Every request goes through the outgoing-address guard. */
export async function sendBatch(
  stream: Pick<LogStreamRow, "kind" | "settings" | "externalId">,
  credentials: LogStreamCredentials,
  events: StreamedEvent[],
): Promise<SendOutcome> {
  try {
    if (stream.kind === "s3") return await sendToS3(stream, credentials, events);
    const plan = httpRequestOf(stream, credentials, events);
    const answer = await postOutbound(plan.url, plan.body, {
      headers: { ...plan.headers, "User-Agent": "Portico-LogStreams/1.0" },
      timeoutMs: SEND_TIMEOUT_MS,
      allowPrivate: env().OUTBOUND_ALLOW_PRIVATE_ADDRESSES,
      maxResponseBytes: KEPT_RESPONSE_BYTES,
    });
    return outcomeOfStatus(answer.status, answer.body, retryAfterMs(answer.headers["retry-after"]));
  } catch (error) {
    return { ok: false, refused: false, status: null, error: (error as Error).message.slice(0, 500), body: null };
  }
}
