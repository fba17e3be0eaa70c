import { describe, expect, it } from "vitest";
import { fieldErrorsFromZod } from "@/server/errors";
import { wireFieldName } from "@/server/api/errors";

describe("wire field names", () => {
  it("maps service field paths to the snake_case names integrators sent", () => {
    expect(wireFieldName("domainData.0.domain")).toBe("domain_data.0.domain");
    expect(wireFieldName("externalId")).toBe("external_id");
    expect(wireFieldName("name")).toBe("name");
    expect(wireFieldName("metadata.myKey")).toBe("metadata.myKey");
  });

  it("names the body when a zod issue has no path", () => {
    expect(fieldErrorsFromZod([{ path: [], message: "Expected object", code: "invalid_type" }])[0]?.field).toBe("body");
  });
});
