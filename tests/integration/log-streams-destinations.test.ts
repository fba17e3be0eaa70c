import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { logStreams } from "@/db/schema";
import { resetEnvForTests } from "@/server/env";
import type { ServiceContext } from "@/server/services/context";
import { createOrganization } from "@/server/services/organizations";
import { getExternalId, getLogStream, saveLogStream } from "@/server/services/log-streams";
import { s3Body, s3KeyOf } from "@/server/services/log-streams/payloads";
import { asStaff } from "../support/context";
import { createTestDb } from "../support/db";
import { startLogReceiver, type LogReceiver } from "../support/log-receiver";
import { deliverAll, recordEvents, storedEvents } from "../support/log-streams";
import { startS3Server, type S3Server } from "../support/s3-server";

/** Each destination's payload, headers and path, checked exactly by a real receiver on loopback. */
let handle: DbHandle;
let admin: ServiceContext;
let receiver: LogReceiver;
let s3: S3Server;

beforeAll(async () => {
  receiver = await startLogReceiver();
  s3 = await startS3Server("AKIAPORTICOTEST00001");
  process.env.OUTBOUND_ALLOW_PRIVATE_ADDRESSES = "true";
  process.env.LOG_STREAM_DATADOG_URL = `${receiver.url}/datadog`;
  process.env.LOG_STREAM_BATCH_WINDOW_MS = "50";
  resetEnvForTests();
  handle = await createTestDb();
  admin = await asStaff(handle.db, "admin");
});
afterAll(async () => {
  await handle?.close();
  await receiver?.close();
  await s3?.close();
});

async function organization(name: string) {
  return (await createOrganization(admin, { name })).id;
}

describe("Datadog", () => {
  it("posts a JSON array of {message, ddsource, service} to the logs intake with DD-API-KEY", async () => {
    const organizationId = await organization("Datadog Org");
    const saved = await saveLogStream(admin, { organizationId, stream: { kind: "datadog", site: "EU1", apiKey: "dd-api-key-0123456789abcd", source: "acme" } });
    expect(saved.saved).toBe(true);
    receiver.received.length = 0;
    await recordEvents(handle.db, organizationId, 3);
    await deliverAll(handle.db, organizationId);
    expect(receiver.received).toHaveLength(1);
    const request = receiver.received[0]!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/datadog/api/v2/logs");
    expect(request.headers["dd-api-key"]).toBe("dd-api-key-0123456789abcd");
    expect(request.headers["content-type"]).toBe("application/json");
    const events = await storedEvents(handle.db, organizationId);
    expect(JSON.parse(request.body)).toEqual(events.map((event) => ({ message: event, ddsource: "acme", service: "audit-logs" })));
    const view = await getLogStream(admin, { organizationId });
    // The three and the stream's own creation, recorded in the organization's audit log.
    expect(view).toMatchObject({ kind: "datadog", state: "active", credential: "••••abcd", deliveredLast7Days: 3 + 1 });
    expect(JSON.stringify(view)).not.toContain("dd-api-key-0123456789abcd");
    const [row] = await handle.db.select().from(logStreams).where(eq(logStreams.organizationId, organizationId));
    expect(JSON.stringify(row)).not.toContain("dd-api-key");
  });
});

describe("Splunk HEC", () => {
  it("posts {event, time, source} objects to /services/collector/event with Authorization: Splunk <token>", async () => {
    const organizationId = await organization("Splunk Org");
    await saveLogStream(admin, {
      organizationId,
      stream: { kind: "splunk", url: `${receiver.url}/splunk`, token: "hec-token-11112222", source: "portico-test" },
    });
    receiver.received.length = 0;
    await recordEvents(handle.db, organizationId, 2);
    await deliverAll(handle.db, organizationId);
    expect(receiver.received).toHaveLength(1);
    const request = receiver.received[0]!;
    expect(request.path).toBe("/splunk/services/collector/event");
    expect(request.headers.authorization).toBe("Splunk hec-token-11112222");
    const events = await storedEvents(handle.db, organizationId);
    expect(request.body.split("\n").map((line) => JSON.parse(line))).toEqual(
      events.map((event) => ({ event, time: Date.parse(event.occurred_at) / 1000, source: "portico-test" })),
    );
  });
});

describe("generic HTTPS", () => {
  it.each(["json", "ndjson"] as const)("posts {event, keySuffix, timestamp, source} as %s with the custom headers", async (format) => {
    const organizationId = await organization(`Generic ${format}`);
    const stream = { kind: "https", url: `${receiver.url}/generic/${format}`, format, headers: [{ name: "X-Api-Key", value: "generic-secret-9876" }] };
    await saveLogStream(admin, { organizationId, stream });
    receiver.received.length = 0;
    await recordEvents(handle.db, organizationId, 4);
    await deliverAll(handle.db, organizationId);
    expect(receiver.received).toHaveLength(1);
    const request = receiver.received[0]!;
    expect(request.path).toBe(`/generic/${format}`);
    expect(request.headers["x-api-key"]).toBe("generic-secret-9876");
    expect(request.headers["content-type"]).toBe(format === "json" ? "application/json" : "application/x-ndjson");
    const events = await storedEvents(handle.db, organizationId);
    const expected = events.map((event) => ({ event, keySuffix: event.id.split("_").pop()!.toLowerCase(), timestamp: event.occurred_at, source: "portico" }));
    const body = format === "json" ? JSON.parse(request.body) : request.body.split("\n").map((line) => JSON.parse(line));
    expect(body).toEqual(expected);
    // An edit without the header's value keeps the saved one.
    const edited = await saveLogStream(admin, { organizationId, stream: { ...stream, headers: [{ name: "X-Api-Key" }] } });
    expect(edited.saved).toBe(true);
    expect(receiver.received.at(-1)!.headers["x-api-key"]).toBe("generic-secret-9876");
    // The edit is in the organization's log: sent now, so no later test's delivery picks it up.
    await deliverAll(handle.db, organizationId);
  });
});

describe("S3-compatible store", () => {
  it("stores one pretty-printed JSON object per event at YYYY-MM-DD/<timestamp>_<suffix>.json with Content-MD5", async () => {
    const organizationId = await organization("S3 Org");
    const stream = {
      kind: "s3",
      bucket: "audit-bucket",
      region: "us-east-1",
      prefix: "portico/",
      endpoint: s3.url,
      auth: "keys",
      accessKeyId: s3.accessKeyId,
      secretAccessKey: "s3-secret-key-abcdef",
    };
    const saved = await saveLogStream(admin, { organizationId, stream });
    expect(saved.saved && saved.test.ok).toBe(true);
    s3.objects.clear();
    await recordEvents(handle.db, organizationId, 5);
    await deliverAll(handle.db, organizationId);
    const events = await storedEvents(handle.db, organizationId);
    // The five and the stream's own creation record.
    expect(s3.objects.size).toBe(5 + 1);
    const client = new S3Client({
      region: "us-east-1",
      endpoint: s3.url,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: "s3-secret-key-abcdef" },
    });
    for (const event of events) {
      const key = s3KeyOf(event, "portico");
      expect(key).toMatch(new RegExp(`^portico/\\d{4}-\\d{2}-\\d{2}/${Date.parse(event.occurred_at)}_[0-9a-z]{26}\\.json$`));
      const object = await client.send(new GetObjectCommand({ Bucket: "audit-bucket", Key: key }));
      const bytes = Buffer.from(await object.Body!.transformToByteArray());
      expect(bytes.equals(Buffer.from(s3Body(event), "utf8"))).toBe(true);
      expect(JSON.parse(bytes.toString("utf8"))).toEqual(event);
      const stored = s3.objects.get(`/audit-bucket/${key}`)!;
      expect(stored.contentMd5).toBe(createHash("md5").update(bytes).digest("base64"));
    }
    client.destroy();
  });

  it("assumes the role with the external id Portico shows, stores with the temporary credentials, and cannot be borrowed by another organization", async () => {
    const organizationId = await organization("S3 Role Org");
    const externalId = await getExternalId(admin, { organizationId });
    const roleArn = "arn:aws:iam::123456789012:role/portico-logs";
    // The store's STS trusts Portico's own AWS identity (from the SDK's default chain) with this organization's external id.
    const store = await startS3Server("AKIAROLESTORE0000001", { arn: roleArn, externalId, callerKeyId: "AKIAPORTICOSELF00001" });
    process.env.AWS_ACCESS_KEY_ID = "AKIAPORTICOSELF00001";
    process.env.AWS_SECRET_ACCESS_KEY = "portico-own-secret-key";
    try {
      const stream = { kind: "s3", bucket: "role-bucket", region: "us-east-1", endpoint: store.url, auth: "role", roleArn };
      const saved = await saveLogStream(admin, { organizationId, stream });
      expect(saved.saved && saved.test.ok).toBe(true);
      store.objects.clear();
      await recordEvents(handle.db, organizationId, 3);
      await deliverAll(handle.db, organizationId);
      const events = await storedEvents(handle.db, organizationId);
      expect(store.objects.size).toBe(3 + 1);
      for (const event of events) expect(store.objects.get(`/role-bucket/${s3KeyOf(event, undefined)}`)?.body.toString("utf8")).toBe(s3Body(event));
      expect(store.assumeRoleCalls.length).toBeGreaterThan(0);
      expect(store.assumeRoleCalls.every((c) => c.roleArn === roleArn && c.externalId === externalId && c.callerKeyId === "AKIAPORTICOSELF00001")).toBe(true);

      // Another organization naming the same role gets its own external id, which the role does not trust.
      const intruder = await organization("S3 Role Intruder");
      expect(await getExternalId(admin, { organizationId: intruder })).not.toBe(externalId);
      const refused = await saveLogStream(admin, { organizationId: intruder, stream });
      expect(refused).toMatchObject({ saved: false, test: { ok: false, refused: true, status: 403 } });
      expect(refused.test.body).toContain("AccessDenied");
      expect(store.assumeRoleCalls.at(-1)!.externalId).not.toBe(externalId);
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      await store.close();
    }
  });

  it("turns invalid when the store refuses the key pair (403)", async () => {
    const organizationId = await organization("S3 Refused");
    const stream = {
      kind: "s3",
      bucket: "audit-bucket",
      region: "us-east-1",
      endpoint: s3.url,
      auth: "keys",
      accessKeyId: "AKIAWRONGKEY0000000",
      secretAccessKey: "wrong-secret-key",
    };
    const first = await saveLogStream(admin, { organizationId, stream });
    expect(first).toMatchObject({ saved: false, test: { ok: false, refused: true, status: 403 } });
    expect(first.test.body).toContain("InvalidAccessKeyId");
    const second = await saveLogStream(admin, { organizationId, stream, acceptRefused: true });
    expect(second.saved && second.stream.state).toBe("invalid");
  });
});
