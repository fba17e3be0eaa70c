import type { LogStreamKind } from "@/db/schema";
import type { LogStreamView } from "@/server/services/log-streams";

export interface StreamFormValues {
  kind: LogStreamKind;
  site: string;
  apiKey: string;
  source: string;
  url: string;
  token: string;
  bucket: string;
  region: string;
  prefix: string;
  endpoint: string;
  auth: "keys" | "role";
  accessKeyId: string;
  secretAccessKey: string;
  roleArn: string;
  format: "json" | "ndjson";
  headers: { name: string; value: string }[];
}

/** The form's starting values: the saved stream's settings (never its secrets), or empty ones. */
export function formValuesOf(view: LogStreamView | null | undefined): StreamFormValues {
  const s = view?.settings ?? {};
  return {
    kind: view?.kind ?? "datadog",
    site: s.site ?? "US1",
    apiKey: "",
    source: s.source ?? "",
    url: s.url ?? "",
    token: "",
    bucket: s.bucket ?? "",
    region: s.region ?? "",
    prefix: s.prefix ?? "",
    endpoint: s.endpoint ?? "",
    auth: s.roleArn ? "role" : "keys",
    accessKeyId: s.accessKeyId ?? "",
    secretAccessKey: "",
    roleArn: s.roleArn ?? "",
    format: s.format ?? "json",
    headers: (s.headerNames ?? []).map((name) => ({ name, value: "" })),
  };
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/** Only the fields of the chosen destination go to the server; blank secrets keep the saved ones. */
export function streamInputOf(v: StreamFormValues): Record<string, unknown> {
  switch (v.kind) {
    case "datadog":
      return { kind: "datadog", site: v.site, apiKey: optional(v.apiKey), source: optional(v.source) };
    case "splunk":
      return { kind: "splunk", url: v.url.trim(), token: optional(v.token), source: optional(v.source) };
    case "s3":
      return {
        kind: "s3",
        bucket: v.bucket.trim(),
        region: v.region.trim(),
        prefix: optional(v.prefix),
        endpoint: optional(v.endpoint),
        auth: v.auth,
        ...(v.auth === "role" ? { roleArn: optional(v.roleArn) } : { accessKeyId: optional(v.accessKeyId), secretAccessKey: optional(v.secretAccessKey) }),
      };
    case "https":
      return {
        kind: "https",
        url: v.url.trim(),
        format: v.format,
        headers: v.headers.filter((h) => h.name.trim()).map((h) => ({ name: h.name.trim(), value: optional(h.value) })),
      };
  }
}
