import { createHash } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { AssumeRoleCommand, STSClient, STSServiceException } from "@aws-sdk/client-sts";
import { PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { LogStreamRow } from "@/db/schema";
import { env } from "@/server/env";
import { AddressRefusedError, guardedLookup, refusedLiteral } from "@/server/net/outbound";
import type { StreamedEvent } from "@/server/wire/log-streams";
import type { LogStreamCredentials } from "./credentials";
import { s3Body, s3KeyOf } from "./payloads";
import type { SendOutcome } from "./send";

const PUTS_AT_ONCE = 16;
const TIMEOUT_MS = 10_000;
/** A batch's PUTs end by then, finished or not: the stream's lease must outlast the longest batch. */
export const S3_BATCH_DEADLINE_MS = 60_000;

/** Agents whose connections go only to addresses the outgoing-address guard accepts. */
function guardedAgents(allowPrivate: boolean) {
  const lookup = guardedLookup(allowPrivate) as never;
  return {
    httpAgent: new http.Agent({ keepAlive: true, lookup } as http.AgentOptions),
    httpsAgent: new https.Agent({ keepAlive: true, lookup } as https.AgentOptions),
  };
}

async function credentialsFor(stream: Pick<LogStreamRow, "settings" | "externalId">, credentials: LogStreamCredentials, handler: object) {
  const { settings } = stream;
  if (!settings.roleArn) return { accessKeyId: settings.accessKeyId ?? "", secretAccessKey: credentials.secretAccessKey ?? "" };
  // The role's trust policy names Portico's AWS account and this external id (the confused-deputy guard AWS documents).
  // Portico signs the call with its own AWS identity (the SDK's default chain: AWS_ACCESS_KEY_ID, a profile, the
  // instance's role). An S3-compatible store with roles (MinIO) answers STS at its own endpoint.
  const sts = new STSClient({ region: settings.region, endpoint: settings.endpoint || undefined, requestHandler: handler, maxAttempts: 1 });
  const answer = await sts.send(
    new AssumeRoleCommand({ RoleArn: settings.roleArn, RoleSessionName: "portico-log-stream", ExternalId: stream.externalId, DurationSeconds: 900 }),
  );
  const c = answer.Credentials;
  return { accessKeyId: c?.AccessKeyId ?? "", secretAccessKey: c?.SecretAccessKey ?? "", sessionToken: c?.SessionToken };
}

function failureOf(error: unknown): SendOutcome {
  // A refused AssumeRole (a trust policy that does not name this external id) is refused credentials too.
  if (error instanceof S3ServiceException || error instanceof STSServiceException) {
    const status = error.$metadata.httpStatusCode ?? null;
    return {
      ok: false,
      refused: status === 401 || status === 403,
      status,
      error: status ? `HTTP ${status}` : error.name,
      body: `${error.name}: ${error.message}`.slice(0, 2000),
    };
  }
  const message = error instanceof AddressRefusedError ? error.message : ((error as Error)?.message ?? String(error));
  return { ok: false, refused: false, status: null, error: message.slice(0, 500), body: null };
}

/**
 * One object per event, `Content-MD5` set so the store checks the bytes it keeps. The keys are fixed per
 * event, so a batch sent again after a failure overwrites what already arrived instead of duplicating it.
 */
export async function sendToS3(
  stream: Pick<LogStreamRow, "settings" | "externalId">,
  credentials: LogStreamCredentials,
  events: StreamedEvent[],
): Promise<SendOutcome> {
  const { settings } = stream;
  const allowPrivate = env().OUTBOUND_ALLOW_PRIVATE_ADDRESSES;
  if (settings.endpoint) {
    const literal = refusedLiteral(new URL(settings.endpoint), allowPrivate);
    if (literal) return failureOf(new AddressRefusedError(literal));
  }
  const handler = { ...guardedAgents(allowPrivate), requestTimeout: TIMEOUT_MS, connectionTimeout: TIMEOUT_MS };
  try {
    const client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint || undefined,
      // S3-compatible stores are addressed by path; AWS by virtual host.
      forcePathStyle: Boolean(settings.endpoint),
      credentials: await credentialsFor(stream, credentials, handler),
      requestHandler: handler,
      // Portico retries the whole batch itself, with its own backoff and state.
      maxAttempts: 1,
      // Content-MD5 is the checksum sent; S3-compatible stores do not all know the newer trailing checksums.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    const deadline = AbortSignal.timeout(S3_BATCH_DEADLINE_MS);
    try {
      let next = 0;
      const worker = async () => {
        while (next < events.length) {
          if (deadline.aborted) throw new Error(`the batch did not finish within ${S3_BATCH_DEADLINE_MS / 1000} seconds`);
          const event = events[next++]!;
          const body = Buffer.from(s3Body(event), "utf8");
          await client.send(
            new PutObjectCommand({
              Bucket: settings.bucket,
              Key: s3KeyOf(event, settings.prefix),
              Body: body,
              ContentType: "application/json",
              ContentMD5: createHash("md5").update(body).digest("base64"),
            }),
            { abortSignal: deadline },
          );
        }
      };
      await Promise.all(Array.from({ length: Math.min(PUTS_AT_ONCE, events.length) }, worker));
    } finally {
      client.destroy();
    }
    return { ok: true, status: 200, body: `${events.length} object(s) stored` };
  } catch (error) {
    return failureOf(error);
  }
}
