import type { LogStreamRow } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";

/** The secrets of a stream, sealed together under ENCRYPTION_KEY. */
export interface LogStreamCredentials {
  /** Datadog. */
  apiKey?: string;
  /** Splunk HEC. */
  token?: string;
  /** S3 with an access key pair. */
  secretAccessKey?: string;
  /** Generic HTTPS: custom header values by name. */
  headers?: Record<string, string>;
}

const PURPOSE = "log-stream-credentials";

export function sealCredentials(credentials: LogStreamCredentials): string {
  return encryptSecret(JSON.stringify(credentials), PURPOSE);
}

export function openCredentials(row: Pick<LogStreamRow, "credentialsEncrypted">): LogStreamCredentials {
  return JSON.parse(decryptSecret(row.credentialsEncrypted, PURPOSE)) as LogStreamCredentials;
}

/** The secret shown (as ••••1234) to recognise the stream's credentials. */
export function mainSecret(credentials: LogStreamCredentials): string {
  return credentials.apiKey ?? credentials.token ?? credentials.secretAccessKey ?? Object.values(credentials.headers ?? {})[0] ?? "";
}

export function hintOf(secret: string): string {
  return secret.length >= 8 ? secret.slice(-4) : "";
}
