import { describe, expect, it } from "vitest";
import { csvCell, csvLine, orderColumns } from "@/server/services/audit-logs/csv";
import { parseCsv } from "../support/csv";

describe("audit-log CSV", () => {
  it("quotes commas, quotes and line breaks as RFC 4180 says", () => {
    const line = csvLine(["plain", 'say "hi"', "a,b", "two\nlines", undefined, 7, true]);
    expect(line).toBe('plain,"say ""hi""","a,b","two\nlines",,7,true\r\n');
    expect(parseCsv(line)).toEqual([["plain", 'say "hi"', "a,b", "two\nlines", "", "7", "true"]]);
  });

  it("neutralises text a spreadsheet would run as a formula, but not numbers", () => {
    for (const formula of ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(formula).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("puts the fixed fields first, then the actor's, the targets' by slot, and the event's metadata", () => {
    expect(orderColumns(["metadata.z", "targets.10.id", "targets.2.id", "actor.metadata.role", "id", "action"]).slice(9)).toEqual([
      "actor.metadata.role",
      "targets.2.id",
      "targets.10.id",
      "metadata.z",
    ]);
  });
});
