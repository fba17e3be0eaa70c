import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { portalIntents } from "@/db/schema";
import { intentsWithScreens } from "@/components/portal/features";
import { projectRoot } from "../support/paths";

describe("portal feature cards", () => {
  it.each(portalIntents)("say %s has screens exactly when its portal page exists", (intent) => {
    const hasPage = existsSync(path.join(projectRoot, "app", "portal", intent, "page.tsx"));
    expect(intentsWithScreens.has(intent)).toBe(hasPage);
  });
});
