import { describe, expect, it } from "vitest";
import { datadogSites, s3KeyOf, splunkEndpoint } from "@/server/services/log-streams/payloads";
import { outcomeOfStatus, retryAfterMs } from "@/server/services/log-streams/send";

const event = {
  id: "audit_log_event_01KB0Z8Y7Q2W3E4R5T6Y7U8I9O",
  action: "user.signed_in",
  actor: { id: "user_1", type: "user" },
  targets: [],
  context: { location: "203.0.113.7" },
  occurred_at: "2026-12-01T08:15:30.123Z",
};

describe("log stream payloads", () => {
  it("sends each Datadog site to its own logs intake host", () => {
    expect(Object.keys(datadogSites)).toEqual(["US1", "US3", "US5", "EU1", "US1-FED", "AP1"]);
    expect(datadogSites.EU1).toBe("https://http-intake.logs.datadoghq.eu");
    expect(datadogSites["US1-FED"]).toBe("https://http-intake.logs.ddog-gov.com");
  });

  it("names S3 objects YYYY-MM-DD/<timestamp>_<suffix>.json under the prefix, the same for every delivery of one event", () => {
    expect(s3KeyOf(event)).toBe("2026-12-01/1796112930123_01kb0z8y7q2w3e4r5t6y7u8i9o.json");
    expect(s3KeyOf(event, "/audit/portico/")).toBe("audit/portico/2026-12-01/1796112930123_01kb0z8y7q2w3e4r5t6y7u8i9o.json");
  });

  it("appends the HEC event path to a Splunk instance URL, and keeps one already given", () => {
    expect(splunkEndpoint("https://splunk.example.com:8088")).toBe("https://splunk.example.com:8088/services/collector/event");
    expect(splunkEndpoint("https://splunk.example.com:8088/services/collector/event")).toBe("https://splunk.example.com:8088/services/collector/event");
  });

  it("reads Retry-After as seconds or as an HTTP date, capped at an hour", () => {
    const now = Date.parse("2026-12-01T08:00:00Z");
    expect(retryAfterMs("7", now)).toBe(7000);
    expect(retryAfterMs("Tue, 01 Dec 2026 08:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("999999", now)).toBe(3_600_000);
    expect(retryAfterMs("soon", now)).toBeUndefined();
  });

  it("treats 401 and 403 as refused credentials and everything else non-2xx as retryable", () => {
    expect(outcomeOfStatus(401, "")).toMatchObject({ ok: false, refused: true });
    expect(outcomeOfStatus(403, "")).toMatchObject({ ok: false, refused: true });
    expect(outcomeOfStatus(429, "", 5000)).toMatchObject({ ok: false, refused: false, retryAfterMs: 5000 });
    expect(outcomeOfStatus(502, "")).toMatchObject({ ok: false, refused: false });
    expect(outcomeOfStatus(204, "")).toMatchObject({ ok: true });
  });
});
