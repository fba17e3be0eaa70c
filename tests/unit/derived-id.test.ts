import { describe, expect, it } from "vitest";
import { derivedId } from "@/server/ids";

describe("derivedId", () => {
  it("is the same for the same parts and differs otherwise, in the ULID alphabet", () => {
    const a = derivedId("prof", "conn_1", "alice@example.com");
    expect(a).toMatch(/^prof_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(derivedId("prof", "conn_1", "alice@example.com")).toBe(a);
    expect(derivedId("prof", "conn_2", "alice@example.com")).not.toBe(a);
    // Parts are separated, so shifting characters between them changes the id.
    expect(derivedId("prof", "conn_1a", "lice@example.com")).not.toBe(a);
  });
});
