import type { Reporter, TestModule } from "vitest/node";
import { conformanceNotice, haveSharedFixtures } from "./fixtures";

/** Ends the run with one plain line (`N passed, N failed, N skipped`) that any CI log reader understands. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    failed += unhandledErrors.length;
    // Repeated here, beside the totals, so a run that left the conformance suite out cannot pass unnoticed.
    if (!haveSharedFixtures()) console.log(`\n${conformanceNotice}`);
    console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
