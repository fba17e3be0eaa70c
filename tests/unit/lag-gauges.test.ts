import { describe, expect, it } from "vitest";
import { readLags, registerLagGauge } from "@/server/observability/lag-gauges";

describe("the delivery-lag registry", () => {
  it("reads every registered channel, replaces a channel registered again, and skips a reader that fails", async () => {
    registerLagGauge("test_stream", () => 3.5);
    registerLagGauge("test_async", async () => null);
    registerLagGauge("test_broken", async () => {
      throw new Error("database away");
    });
    let lags = await readLags();
    expect(lags.get("test_stream")).toBe(3.5);
    expect(lags.get("test_async")).toBe(0);
    expect(lags.has("test_broken")).toBe(false);
    registerLagGauge("test_stream", () => 7);
    lags = await readLags();
    expect(lags.get("test_stream")).toBe(7);
  });

  it("refuses channel names that are not short snake_case label values", () => {
    expect(() => registerLagGauge("Log Streams!", () => 0)).toThrow(/snake_case/);
  });
});
