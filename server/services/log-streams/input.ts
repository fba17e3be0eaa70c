import { z } from "zod";
import type { LogStreamKind, LogStreamSettings } from "@/db/schema";
import { env, isDevelopment } from "@/server/env";
import { checkRedirectUrl } from "@/server/services/settings/redirect-url";
import type { LogStreamCredentials } from "./credentials";
import { datadogSites } from "./payloads";

/** https, or http://localhost where loopback destinations are allowed (development, tests and labs). */
const destinationUrl = (field: string) =>
  z.string({ error: `${field} is required` }).transform((value, ctx) => {
    const checked = checkRedirectUrl(value, { allowLocalHttp: isDevelopment() || env().OUTBOUND_ALLOW_PRIVATE_ADDRESSES });
    if (!checked.ok) {
      ctx.addIssue({ code: "custom", message: `${field} ${checked.message}` });
      return z.NEVER;
    }
    return checked.url;
  });
/** A secret: absent (or empty) on an edit keeps the saved one. */
const secret = z.string().trim().max(4096).optional();
const source = z.string().trim().max(100).optional();
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, "must be a valid HTTP header name");
const reservedHeaders = new Set(["content-type", "content-length", "host", "transfer-encoding", "connection", "user-agent"]);

export const logStreamInputSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("datadog"), site: z.enum(Object.keys(datadogSites) as [keyof typeof datadogSites]), apiKey: secret, source }),
    z.object({ kind: z.literal("splunk"), url: destinationUrl("url"), token: secret, source }),
    z.object({
      kind: z.literal("s3"),
      bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name: 3–63 lower-case letters, digits, dots and hyphens"),
      region: z.string().regex(/^[a-z0-9-]{2,30}$/, "must be a region such as us-east-1"),
      prefix: z.string().trim().max(200).optional(),
      endpoint: destinationUrl("endpoint").optional(),
      auth: z.enum(["keys", "role"]),
      accessKeyId: z.string().trim().max(128).optional(),
      secretAccessKey: secret,
      roleArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,128}$/, "must be a role ARN such as arn:aws:iam::123456789012:role/portico")
        .optional(),
    }),
    z.object({
      kind: z.literal("https"),
      url: destinationUrl("url"),
      format: z.enum(["json", "ndjson"]).default("json"),
      headers: z
        .array(z.object({ name: headerName.refine((n) => !reservedHeaders.has(n.toLowerCase()), "is set by Portico"), value: secret }))
        .max(10)
        .default([]),
    }),
  ],
  { error: "kind must be datadog, splunk, s3 or https" },
);
type Parsed = z.output<typeof logStreamInputSchema>;

const missing = (field: string) => ({ field, message: "is required" });

/**
 * Splits the input into settings and secrets. Secrets left out are taken from the saved stream when it is
 * of the same kind, so an edit need not retype them; what is still missing is reported by field.
 */
export function resolveInput(
  input: Parsed,
  saved: { kind: LogStreamKind; settings: LogStreamSettings; credentials: LogStreamCredentials } | null,
): { kind: LogStreamKind; settings: LogStreamSettings; credentials: LogStreamCredentials; problems: { field: string; message: string }[] } {
  const keep = saved?.kind === input.kind ? saved.credentials : {};
  const problems: { field: string; message: string }[] = [];
  switch (input.kind) {
    case "datadog": {
      const apiKey = input.apiKey || keep.apiKey;
      if (!apiKey) problems.push(missing("apiKey"));
      return { kind: "datadog", settings: { site: input.site, source: input.source || undefined }, credentials: { apiKey }, problems };
    }
    case "splunk": {
      const token = input.token || keep.token;
      if (!token) problems.push(missing("token"));
      return { kind: "splunk", settings: { url: input.url, source: input.source || undefined }, credentials: { token }, problems };
    }
    case "s3": {
      const settings: LogStreamSettings = { bucket: input.bucket, region: input.region, prefix: input.prefix || undefined, endpoint: input.endpoint };
      if (input.auth === "role") {
        if (!input.roleArn) problems.push(missing("roleArn"));
        return { kind: "s3", settings: { ...settings, roleArn: input.roleArn }, credentials: {}, problems };
      }
      const secretAccessKey = input.secretAccessKey || keep.secretAccessKey;
      if (!input.accessKeyId) problems.push(missing("accessKeyId"));
      if (!secretAccessKey) problems.push(missing("secretAccessKey"));
      return { kind: "s3", settings: { ...settings, accessKeyId: input.accessKeyId }, credentials: { secretAccessKey }, problems };
    }
    case "https": {
      const headers: Record<string, string> = {};
      input.headers.forEach((h, i) => {
        const value = h.value || keep.headers?.[h.name];
        if (value) headers[h.name] = value;
        else problems.push(missing(`headers.${i}.value`));
      });
      return {
        kind: "https",
        settings: { url: input.url, format: input.format, headerNames: input.headers.map((h) => h.name) },
        credentials: { headers },
        problems,
      };
    }
  }
}
