import type { StreamedEvent } from "@/server/wire/log-streams";

/** Where each Datadog site takes logs (https://docs.datadoghq.com/getting_started/site/). */
export const datadogSites = {
  US1: "https://http-intake.logs.datadoghq.com",
  US3: "https://http-intake.logs.us3.datadoghq.com",
  US5: "https://http-intake.logs.us5.datadoghq.com",
  EU1: "https://http-intake.logs.datadoghq.eu",
  "US1-FED": "https://http-intake.logs.ddog-gov.com",
  AP1: "https://http-intake.logs.ap1.datadoghq.com",
} as const;
export type DatadogSite = keyof typeof datadogSites;

export const DEFAULT_SOURCE = "portico";

/** The suffix of an event's S3 key and generic `keySuffix`: fixed per event, so a redelivery overwrites, never duplicates. */
function keySuffixOf(event: StreamedEvent): string {
  return event.id.slice(event.id.lastIndexOf("_") + 1).toLowerCase();
}

/** Datadog logs intake v2: a JSON array of log entries (https://docs.datadoghq.com/api/latest/logs/#send-logs). */
export function datadogBody(events: StreamedEvent[], source: string): string {
  return JSON.stringify(events.map((event) => ({ message: event, ddsource: source, service: "audit-logs" })));
}

/**
 * Splunk HEC `/services/collector/event`: a batch is event objects one after another
 * (https://docs.splunk.com/Documentation/Splunk/latest/Data/HECExamples), one per line here.
 */
export function splunkBody(events: StreamedEvent[], source: string): string {
  return events.map((event) => JSON.stringify({ event, time: Date.parse(event.occurred_at) / 1000, source })).join("\n");
}

function genericEntries(events: StreamedEvent[], source: string) {
  return events.map((event) => ({ event, keySuffix: keySuffixOf(event), timestamp: event.occurred_at, source }));
}

export function genericBody(events: StreamedEvent[], source: string, format: "json" | "ndjson"): string {
  const entries = genericEntries(events, source);
  return format === "json" ? JSON.stringify(entries) : entries.map((e) => JSON.stringify(e)).join("\n");
}

/** `YYYY-MM-DD/<timestamp>_<suffix>.json` under the optional prefix, dated by when the event occurred. */
export function s3KeyOf(event: StreamedEvent, prefix?: string): string {
  const at = new Date(event.occurred_at);
  const key = `${at.toISOString().slice(0, 10)}/${at.getTime()}_${keySuffixOf(event)}.json`;
  const clean = (prefix ?? "").replace(/^\/+|\/+$/g, "");
  return clean ? `${clean}/${key}` : key;
}

/** One pretty-printed JSON file per event. */
export function s3Body(event: StreamedEvent): string {
  return JSON.stringify(event, null, 2);
}

/** Splunk's event endpoint under the instance URL the IT admin gave (unless they gave the endpoint itself). */
export function splunkEndpoint(instanceUrl: string): string {
  const url = new URL(instanceUrl);
  if (!/\/services\/collector/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, "")}/services/collector/event`;
  return url.toString();
}
