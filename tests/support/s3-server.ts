import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface StoredObject {
  body: Buffer;
  contentType: string | undefined;
  contentMd5: string | undefined;
}

export interface S3Server {
  /** `http://127.0.0.1:<port>`: the endpoint of an S3-compatible store, addressed by path. */
  url: string;
  objects: Map<string, StoredObject>;
  /** Requests refused with 403 `InvalidAccessKeyId` when their credential is not this access key id. */
  accessKeyId: string;
  /** The AssumeRole calls answered (role, external id, the caller's access key id), in order. */
  assumeRoleCalls: { roleArn: string; externalId: string | null; callerKeyId: string }[];
  close: () => Promise<void>;
}

/**
 * A role the store's STS lets `callerKeyId` assume, as MinIO's STS does at the store's own endpoint, only with
 * this external id; its temporary credentials (with their session token) then sign PutObject.
 */
export interface AssumableRole {
  arn: string;
  externalId: string;
  callerKeyId: string;
}

const TEMPORARY = { accessKeyId: "ASIAPORTICOTEMP00001", secretAccessKey: "temporary-secret-key", sessionToken: "temporary-session-token-0123" };

const stsError = (code: string, message: string) =>
  `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`;

const assumeRoleResponse = (arn: string) =>
  `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>${TEMPORARY.accessKeyId}</AccessKeyId><SecretAccessKey>${TEMPORARY.secretAccessKey}</SecretAccessKey><SessionToken>${TEMPORARY.sessionToken}</SessionToken><Expiration>${new Date(Date.now() + 900_000).toISOString()}</Expiration></Credentials><AssumedRoleUser><Arn>${arn}/portico-log-stream</Arn><AssumedRoleId>AROAPORTICO:portico-log-stream</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></AssumeRoleResponse>`;

const xmlError = (code: string, message: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

/**
 * The part of the S3 REST API a log stream uses, path-style: PutObject (checking `Content-MD5` against the
 * bytes, as S3 does: `BadDigest` when they differ) and GetObject. Requests must be SigV4-signed with
 * `accessKeyId`; the signature itself is not recomputed.
 */
export async function startS3Server(accessKeyId: string, role?: AssumableRole): Promise<S3Server> {
  const objects = new Map<string, StoredObject>();
  const assumeRoleCalls: S3Server["assumeRoleCalls"] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const path = decodeURIComponent((req.url ?? "").split("?")[0]!);
      const auth = req.headers.authorization ?? "";
      const callerKeyId = /^AWS4-HMAC-SHA256 Credential=([^/]+)\//.exec(auth)?.[1] ?? "";
      if (role && req.method === "POST" && path === "/") {
        const form = new URLSearchParams(body.toString("utf8"));
        if (form.get("Action") !== "AssumeRole") {
          res.writeHead(400, { "Content-Type": "text/xml" }).end(stsError("InvalidAction", "Only AssumeRole is served here."));
          return;
        }
        assumeRoleCalls.push({ roleArn: form.get("RoleArn") ?? "", externalId: form.get("ExternalId"), callerKeyId });
        if (callerKeyId !== role.callerKeyId || form.get("RoleArn") !== role.arn || form.get("ExternalId") !== role.externalId) {
          res.writeHead(403, { "Content-Type": "text/xml" }).end(stsError("AccessDenied", `User: ${callerKeyId} is not authorized to perform: sts:AssumeRole`));
          return;
        }
        res.writeHead(200, { "Content-Type": "text/xml" }).end(assumeRoleResponse(role.arn));
        return;
      }
      // Temporary credentials count only with their session token, as in AWS.
      const temporary = role && callerKeyId === TEMPORARY.accessKeyId && req.headers["x-amz-security-token"] === TEMPORARY.sessionToken;
      if (callerKeyId !== accessKeyId && !temporary) {
        res
          .writeHead(403, { "Content-Type": "application/xml" })
          .end(xmlError("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."));
        return;
      }
      if (req.method === "PUT") {
        const md5 = req.headers["content-md5"] as string | undefined;
        const actual = createHash("md5").update(body).digest("base64");
        if (md5 !== undefined && md5 !== actual) {
          res.writeHead(400, { "Content-Type": "application/xml" }).end(xmlError("BadDigest", "The Content-MD5 you specified did not match what we received."));
          return;
        }
        objects.set(path, { body, contentType: req.headers["content-type"], contentMd5: md5 });
        const etag = `"${createHash("md5").update(body).digest("hex")}"`;
        res.writeHead(200, { ETag: etag }).end();
        return;
      }
      if (req.method === "GET" || req.method === "HEAD") {
        const found = objects.get(path);
        if (!found) {
          res.writeHead(404, { "Content-Type": "application/xml" }).end(xmlError("NoSuchKey", "The specified key does not exist."));
          return;
        }
        res
          .writeHead(200, {
            "Content-Type": found.contentType ?? "application/octet-stream",
            "Content-Length": String(found.body.length),
            ETag: `"${createHash("md5").update(found.body).digest("hex")}"`,
          })
          .end(req.method === "GET" ? found.body : undefined);
        return;
      }
      res.writeHead(405).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    accessKeyId,
    assumeRoleCalls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
