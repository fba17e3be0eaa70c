import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsFromZod } from "@/server/errors";
import { wireFieldName } from "@/server/api/errors";

describe("wire field names", () => {
  it("maps service field paths to the snake_case names integrators sent", () => {
    expect(wireFieldName("domainData.0.domain")).toBe("domain_data.0.domain");
    expect(wireFieldName("externalId")).toBe("external_id");
    expect(wireFieldName("name")).toBe("name");
    expect(wireFieldName("metadata.myKey")).toBe("metadata.myKey");
    expect(wireFieldName("Idempotency-Key")).toBe("Idempotency-Key");
  });

  it("names the body when a zod issue has no path", () => {
    expect(fieldErrorsFromZod([{ path: [], message: "Expected object", code: "invalid_type", input: 3 }])[0]).toMatchObject({
      field: "body",
      code: "body_invalid_type",
    });
  });

  it("gives each code its field's name, since SDKs show only the codes", () => {
    const schema = z.object({
      name: z.string().min(1),
      domainData: z.array(z.object({ domain: z.string().refine(() => false) })),
      metadata: z.record(z.string(), z.string().max(1)),
    });
    const result = schema.safeParse({ name: "", domainData: [{ domain: "x" }], metadata: { myKey: "too long" } }, { reportInput: true });
    expect(fieldErrorsFromZod(result.error!.issues).map((e) => [e.field, e.code])).toEqual([
      ["name", "name_required"],
      ["domainData.0.domain", "domain_invalid"],
      ["metadata.myKey", "metadata_too_long"],
    ]);
    expect(fieldErrorsFromZod(z.object({ name: z.string() }).safeParse({}, { reportInput: true }).error!.issues)[0]!.code).toBe("name_required");
  });
});
